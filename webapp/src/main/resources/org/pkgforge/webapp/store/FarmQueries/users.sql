SELECT u.id, u.name, u.admin, u.created_at FROM farm_user u ORDER BY u.name
