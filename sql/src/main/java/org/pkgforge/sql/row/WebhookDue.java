package org.pkgforge.sql.row;

/** An ended job whose webhook is to be sent now, and how many attempts it has had. */
public record WebhookDue(long jobId, int attempts) {}
