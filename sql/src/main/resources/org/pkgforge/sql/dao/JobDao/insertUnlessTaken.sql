-- Job ids are unique and never reused. A registration of an id that another transaction is
-- registering waits for that one to commit, then inserts nothing (and returns no id).
INSERT INTO job (uuid, bucket, submitter, status, reason, platforms, archs, report, size)
VALUES (:uuid, :bucket, :submitter, :status, :reason, :platforms, :archs, :report, :size)
ON CONFLICT (uuid) DO NOTHING
RETURNING id
