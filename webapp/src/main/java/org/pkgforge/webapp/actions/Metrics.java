package org.pkgforge.webapp.actions;

/** The controller's Prometheus text exposition, produced when scraped. */
@FunctionalInterface
public interface Metrics {
    Metrics NONE = () -> "";

    String scrape();
}
