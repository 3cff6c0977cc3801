package org.pkgforge.sql.row;

/** The result of claim_task(): which task, and the attempt number every message must quote. */
public record ClaimedTask(long taskId, int attempt) {}
