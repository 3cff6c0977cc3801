DELETE FROM agent_secret s USING agent a WHERE a.id = s.agent_id AND a.name = :name
