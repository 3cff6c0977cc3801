UPDATE agent SET slots = :slots WHERE name = :name AND launcher = 'ssh'
