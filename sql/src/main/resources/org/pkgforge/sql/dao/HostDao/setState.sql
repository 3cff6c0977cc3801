UPDATE agent SET state = :state, state_reason = :reason, offered_host_key = :offeredHostKey,
       last_seen = CASE WHEN :state = 'online' THEN now() ELSE last_seen END
 WHERE name = :name
