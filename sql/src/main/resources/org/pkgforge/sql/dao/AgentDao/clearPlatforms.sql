DELETE FROM agent_platform WHERE agent_id = :agentId
