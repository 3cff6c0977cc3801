INSERT INTO web_login (token_sha256, user_id, expires_at)
SELECT :tokenSha256, u.id, now() + make_interval(secs => :ttlSeconds)
  FROM farm_user u
 WHERE u.name = :user
