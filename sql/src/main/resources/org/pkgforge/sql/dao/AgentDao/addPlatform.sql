INSERT INTO agent_platform (agent_id, platform_id) VALUES (:agentId, :platformId) ON CONFLICT DO NOTHING
