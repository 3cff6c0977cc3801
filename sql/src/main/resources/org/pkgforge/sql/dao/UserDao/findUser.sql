SELECT id, name, admin, created_at FROM farm_user WHERE name = :name
