package org.pkgforge.sql;

/** Where and as whom to connect: one JDBC URL and a user with its password. */
public record DatabaseCredentials(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
        return "DatabaseCredentials[" + jdbcUrl + " as " + user + "]";
    }
}
