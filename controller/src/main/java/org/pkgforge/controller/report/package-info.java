/**
 * End-of-job reports: {@link org.pkgforge.controller.report.JobReporter} finds ended jobs in the
 * registry and mails a {@link org.pkgforge.controller.report.JobReport} rendered by
 * {@link org.pkgforge.controller.report.ReportMail}.
 */
package org.pkgforge.controller.report;
