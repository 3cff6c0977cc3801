INSERT INTO agent_secret (agent_id, session_key_sha256)
SELECT id, :sha256 FROM agent WHERE name = :name
ON CONFLICT (agent_id) DO UPDATE SET session_key_sha256 = EXCLUDED.session_key_sha256, issued_at = now()
