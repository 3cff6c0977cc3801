UPDATE agent SET host_key = :hostKey, offered_host_key = NULL WHERE name = :name AND launcher = 'ssh'
