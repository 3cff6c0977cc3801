package org.pkgforge.webapp.store;

import java.time.Instant;

/** A farm user. */
public record UserRow(int id, String name, boolean admin, Instant createdAt) {}
