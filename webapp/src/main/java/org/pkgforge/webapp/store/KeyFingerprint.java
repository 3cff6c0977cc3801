package org.pkgforge.webapp.store;

import java.time.Instant;

/** One SSH key of a user, by fingerprint only (the web role cannot read keys); revoked ones too. */
public record KeyFingerprint(
        int userId, String algorithm, String fingerprint, String comment, Instant addedAt, Instant revokedAt) {}
