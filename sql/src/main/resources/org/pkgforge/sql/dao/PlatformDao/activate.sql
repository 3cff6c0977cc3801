UPDATE platform SET active = true WHERE name = :name AND arch = :arch
