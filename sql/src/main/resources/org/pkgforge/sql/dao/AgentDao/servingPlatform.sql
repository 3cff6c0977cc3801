SELECT a.name FROM agent a JOIN agent_platform ap ON ap.agent_id = a.id
 WHERE ap.platform_id = :platformId AND a.enabled ORDER BY a.name
