INSERT INTO farm_user (name, admin) VALUES (:name, :admin)
