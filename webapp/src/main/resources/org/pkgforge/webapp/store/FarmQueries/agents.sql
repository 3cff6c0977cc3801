-- Every agent (build hosts over SSH and local agents) with its live slot use: the attempts still
-- open on it. Host keys are shown by fingerprint, computed as ssh-keygen -lf does (SHA-256 of the
-- key blob, unpadded base64).
SELECT a.name, a.launcher, a.enabled, a.state, a.state_reason, a.slots,
       (SELECT count(*) FROM attempt x WHERE x.agent_name = a.name AND x.finished_at IS NULL) AS busy,
       array(SELECT p.name || '/' || p.arch FROM agent_platform ap JOIN platform p ON p.id = ap.platform_id
              WHERE ap.agent_id = a.id ORDER BY p.name, p.arch) AS platforms,
       CASE WHEN a.ssh_host IS NULL THEN NULL
            ELSE a.ssh_user || '@' || CASE WHEN a.ssh_host LIKE '%:%' THEN '[' || a.ssh_host || ']' ELSE a.ssh_host END
                 || ':' || a.ssh_port END AS ssh,
       a.host_key,
       CASE WHEN a.host_key IS NULL THEN NULL
            ELSE 'SHA256:' || rtrim(encode(sha256(decode(split_part(a.host_key, ' ', 2), 'base64')), 'base64'), '=')
       END AS host_key_fingerprint,
       a.offered_host_key,
       CASE WHEN a.offered_host_key IS NULL THEN NULL
            ELSE 'SHA256:' || rtrim(encode(sha256(decode(split_part(a.offered_host_key, ' ', 2), 'base64')), 'base64'), '=')
       END AS offered_host_key_fingerprint,
       a.version, a.last_seen
  FROM agent a
 ORDER BY a.launcher DESC, a.name
