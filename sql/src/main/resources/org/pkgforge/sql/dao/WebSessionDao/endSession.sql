DELETE FROM web_session WHERE token_sha256 = :tokenSha256
