INSERT INTO package (job_id, seq, type, file, size, sha1sum, sha256sum, name, version, release,
                     exclusive_arch, exclude_arch, build_requires, provides, build_order)
VALUES (:jobId, :seq, :type, :file, :size, :sha1sum, :sha256sum, :name, :version, :release,
        :exclusiveArch, :excludeArch, :buildRequires, :provides, :buildOrder)
