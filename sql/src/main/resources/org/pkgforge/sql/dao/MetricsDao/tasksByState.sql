SELECT s.state AS key, count(t.id) AS count
  FROM unnest(ARRAY['needs_build', 'building', 'success', 'fail', 'cancelled']) AS s (state)
  LEFT JOIN task t ON t.status = s.state
 GROUP BY s.state
 ORDER BY s.state
