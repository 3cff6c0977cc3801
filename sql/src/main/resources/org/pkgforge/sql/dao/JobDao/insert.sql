INSERT INTO job (uuid, bucket, submitter, status, reason, platforms, archs, report, size)
VALUES (:uuid, :bucket, :submitter, :status, :reason, :platforms, :archs, :report, :size)
