UPDATE agent SET state = :state, state_reason = :reason, version = coalesce(:version, version), last_seen = now() WHERE name = :name
