-- Asked on every authentication attempt, so a revocation counts for the next session at once.
SELECT EXISTS (
    SELECT 1 FROM user_key k JOIN farm_user u ON u.id = k.user_id
     WHERE u.name = :name AND k.fingerprint = :fingerprint AND k.revoked_at IS NULL)
