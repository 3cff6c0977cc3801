INSERT INTO agent (name, slots, launcher, ssh_user, ssh_host, ssh_port, host_key, work_dir, java_command)
VALUES (:name, :slots, 'ssh', :user, :host, :port, :hostKey, :workDir, :javaCommand)
RETURNING id
