package org.pkgforge.sql.row;

/** A registry platform row: one distribution release on one architecture. */
public record Platform(int id, String name, String arch, boolean active, boolean auto) {
    public String label() {
        return name + "/" + arch;
    }
}
