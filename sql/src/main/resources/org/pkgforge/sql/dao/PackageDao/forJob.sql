SELECT job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release, exclusive_arch, exclude_arch,
       build_requires, provides, build_order
  FROM package WHERE job_id = :jobId ORDER BY coalesce(build_order, seq), seq
