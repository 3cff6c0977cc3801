UPDATE platform SET auto = false WHERE name = :name AND arch = :arch
