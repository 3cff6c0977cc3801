UPDATE platform SET auto = true WHERE name = :name AND arch = :arch
