SELECT slots FROM agent WHERE name = :name
