INSERT INTO agent (name, slots) VALUES (:name, :slots)
ON CONFLICT (name) DO UPDATE SET slots = EXCLUDED.slots
RETURNING id
