package org.pkgforge.webapp.store;

import java.util.List;

/** A user with their keys, live ones first. */
public record UserKeys(UserRow user, List<KeyFingerprint> keys) {}
