package org.pkgforge.sql.row;

import java.time.OffsetDateTime;

/** One SSH public key of a user; revoked keys stay for the record. */
public record UserKey(
        int id,
        int userId,
        String algorithm,
        String publicKey,
        String fingerprint,
        String comment,
        OffsetDateTime addedAt,
        OffsetDateTime revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
