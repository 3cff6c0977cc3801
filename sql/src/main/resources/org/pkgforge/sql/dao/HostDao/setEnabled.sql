UPDATE agent SET enabled = :enabled WHERE name = :name AND launcher = 'ssh'
