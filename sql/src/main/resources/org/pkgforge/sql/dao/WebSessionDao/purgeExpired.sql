-- Spent and expired login tokens and expired sessions are of no further use.
WITH logins AS (DELETE FROM web_login WHERE expires_at < now() - interval '1 day')
DELETE FROM web_session WHERE expires_at < now()
