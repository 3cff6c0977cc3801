SELECT id, user_id, algorithm, public_key, fingerprint, comment, added_at, revoked_at
  FROM user_key WHERE user_id = :userId ORDER BY added_at, id
