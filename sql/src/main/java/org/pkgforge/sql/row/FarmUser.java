package org.pkgforge.sql.row;

import java.time.OffsetDateTime;

/** A farm user: the SSH login name, which is also the submitter of the user's jobs. */
public record FarmUser(int id, String name, boolean admin, OffsetDateTime createdAt) {}
