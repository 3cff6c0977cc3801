UPDATE agent SET state = 'connecting', state_reason = :reason, offered_host_key = NULL
 WHERE name = :name AND state <> 'online'
