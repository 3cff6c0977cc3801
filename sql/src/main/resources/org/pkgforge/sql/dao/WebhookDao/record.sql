INSERT INTO job_webhook (job_id, outcome, attempts, next_attempt_at, http_status, detail)
VALUES (:jobId, :outcome, :attempts,
        CASE WHEN :outcome = 'retrying' THEN now() + make_interval(secs => :retryAfterSeconds) END,
        :httpStatus, :detail)
ON CONFLICT (job_id) DO UPDATE
   SET outcome = EXCLUDED.outcome, attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
       http_status = EXCLUDED.http_status, detail = EXCLUDED.detail, updated_at = now()
