SELECT s.session_key_sha256 FROM agent_secret s JOIN agent a ON a.id = s.agent_id WHERE a.name = :name
