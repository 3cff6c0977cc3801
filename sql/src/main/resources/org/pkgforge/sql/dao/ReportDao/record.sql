INSERT INTO job_report (job_id, status, outcome, detail) VALUES (:jobId, :status, :outcome, :detail)
    ON CONFLICT (job_id) DO NOTHING
