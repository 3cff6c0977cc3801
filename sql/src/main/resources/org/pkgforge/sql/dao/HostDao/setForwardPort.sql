UPDATE agent SET forward_port = :port WHERE name = :name
