SELECT value FROM farm_setting WHERE name = :name
