-- "el9" is every arch of el9; "el9/x86_64", or the target name "el9-x86_64", is that one.
SELECT id
  FROM platform
 WHERE name = :platform OR name || '/' || arch = :platform OR name || '-' || arch = :platform
 ORDER BY id
