package org.pkgforge.sql.row;

/** One row of a grouped count: {@code key} is a state, or a "platform/arch" target. */
public record CountBy(String key, long count) {}
