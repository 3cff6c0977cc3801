package org.pkgforge.webapp.store;

/** A submitted source package; name, version and release are null until the job was validated. */
public record JobPackage(
        String file, String type, String name, String version, String release, long size, String sha256sum) {}
