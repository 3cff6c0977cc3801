INSERT INTO platform (name, arch) VALUES (:name, :arch)
