INSERT INTO user_key (user_id, algorithm, public_key, fingerprint, comment)
VALUES (:userId, :algorithm, :publicKey, :fingerprint, :comment)
