package org.pkgforge.sql.row;

/** Where a job's webhook stands: delivered, retrying (attempts so far) or failed for good. */
public record WebhookDelivery(long jobId, String outcome, int attempts, Integer httpStatus, String detail) {}
