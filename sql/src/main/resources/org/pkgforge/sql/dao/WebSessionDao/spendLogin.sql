-- One statement, so two requests racing with the same token cannot both spend it.
UPDATE web_login l SET used_at = now()
  FROM farm_user u
 WHERE u.id = l.user_id AND l.token_sha256 = :tokenSha256 AND l.used_at IS NULL AND l.expires_at > now()
RETURNING u.name
