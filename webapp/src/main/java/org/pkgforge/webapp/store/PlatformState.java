package org.pkgforge.webapp.store;

/** A platform with the number of its tasks waiting to be claimed. */
public record PlatformState(String name, String arch, boolean active, boolean auto, long waiting) {
    public String label() {
        return name + "/" + arch;
    }
}
