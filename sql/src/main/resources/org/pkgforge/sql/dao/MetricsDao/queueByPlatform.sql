SELECT p.name || '/' || p.arch AS key, count(t.id) AS count
  FROM platform p
  LEFT JOIN task t ON t.platform_id = p.id AND t.status = 'needs_build'
 WHERE p.active
 GROUP BY p.name, p.arch
 ORDER BY p.name, p.arch
