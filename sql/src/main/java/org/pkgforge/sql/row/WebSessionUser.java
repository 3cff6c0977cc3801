package org.pkgforge.sql.row;

import java.time.OffsetDateTime;

/** The user of a live web session. */
public record WebSessionUser(String name, boolean admin, OffsetDateTime expiresAt) {}
