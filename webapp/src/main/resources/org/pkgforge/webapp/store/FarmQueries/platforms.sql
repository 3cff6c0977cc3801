-- Platforms with how many tasks wait for each.
SELECT p.name, p.arch, p.active, p.auto,
       (SELECT count(*) FROM task t WHERE t.platform_id = p.id AND t.status = 'needs_build') AS waiting
  FROM platform p
 ORDER BY p.name, p.arch
