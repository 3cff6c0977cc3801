UPDATE user_key SET revoked_at = now()
 WHERE user_id = :userId AND fingerprint = :fingerprint AND revoked_at IS NULL
