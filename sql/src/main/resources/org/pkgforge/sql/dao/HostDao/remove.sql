DELETE FROM agent WHERE name = :name AND launcher = 'ssh'
