SELECT file, type, name, version, release, size, sha256sum
  FROM package
 WHERE job_id = :jobId
 ORDER BY seq
