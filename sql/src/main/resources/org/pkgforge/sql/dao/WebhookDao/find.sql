SELECT job_id, outcome, attempts, http_status, detail FROM job_webhook WHERE job_id = :jobId
