INSERT INTO artifact (attempt_id, file, size, sha256sum)
SELECT id, :file, :size, :sha256 FROM attempt WHERE task_id = :taskId AND number = :attempt
ON CONFLICT (attempt_id, file) DO UPDATE SET size = EXCLUDED.size, sha256sum = EXCLUDED.sha256sum
