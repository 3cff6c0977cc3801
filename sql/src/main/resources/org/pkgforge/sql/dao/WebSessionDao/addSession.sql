INSERT INTO web_session (token_sha256, user_id, expires_at, origin)
SELECT :tokenSha256, u.id, now() + make_interval(secs => :ttlSeconds), :origin
  FROM farm_user u
 WHERE u.name = :user
