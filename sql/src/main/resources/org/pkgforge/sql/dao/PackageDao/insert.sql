INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release,
                     exclusive_arch, exclude_arch)
VALUES (:jobId, :seq, :type, :file, :size, :sha1sum, :sha256sum, :name, :version, :release,
        :exclusiveArch, :excludeArch)
