-- Fingerprints only: the web role cannot read the keys themselves (V008).
SELECT k.user_id, k.algorithm, k.fingerprint, k.comment, k.added_at, k.revoked_at
  FROM user_key_fingerprint k
 ORDER BY k.user_id, k.revoked_at IS NOT NULL, k.added_at, k.id
