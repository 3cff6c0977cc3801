-- The admin flag is read on every request, so a change counts at once.
SELECT u.name, u.admin, s.expires_at
  FROM web_session s JOIN farm_user u ON u.id = s.user_id
 WHERE s.token_sha256 = :tokenSha256 AND s.expires_at > now()
