SELECT * FROM build_host WHERE name = :name
