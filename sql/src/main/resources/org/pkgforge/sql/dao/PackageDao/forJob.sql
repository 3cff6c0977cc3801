SELECT job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release, exclusive_arch, exclude_arch
  FROM package WHERE job_id = :jobId ORDER BY seq
