package org.pkgforge.sql.row;

/** Build slots of the agents that are online, and how many run an attempt now. */
public record SlotUse(long total, long used) {}
