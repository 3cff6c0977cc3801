package org.pkgforge.controller.report;

import java.util.List;

/** What an end-of-job report says: the job, each target's end and each skipped target. */
public record JobReport(
        String jobId,
        String bucket,
        String submitter,
        String status,
        String notes,
        String jobUrl,
        List<String> recipients,
        List<Target> targets,
        List<Skipped> skipped) {
    public JobReport {
        recipients = List.copyOf(recipients);
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
    }

    /**
     * One task's end. {@code failureClass} is "build failure", "infrastructure failure" or empty;
     * {@code products} are file names.
     */
    public record Target(
            String target,
            String status,
            String failureClass,
            String reason,
            boolean published,
            String logUrl,
            List<String> products) {
        public Target {
            products = List.copyOf(products);
        }
    }

    public record Skipped(String target, String reason) {}

    /** Every target built and was published. */
    public boolean ok() {
        return status.equals("success");
    }
}
