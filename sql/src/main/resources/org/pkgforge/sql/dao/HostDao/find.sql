SELECT a.id, a.name, a.slots, a.enabled, a.state, a.state_reason, a.version, a.last_seen,
       a.ssh_user AS ssh_user, a.ssh_host AS ssh_host, a.ssh_port AS ssh_port,
       a.host_key, a.offered_host_key, a.work_dir, a.java_command, a.forward_port,
       array(SELECT p.name || '/' || p.arch FROM agent_platform ap JOIN platform p ON p.id = ap.platform_id
              WHERE ap.agent_id = a.id ORDER BY p.name, p.arch) AS platforms
  FROM agent a
 WHERE a.launcher = 'ssh' AND a.name = :name
