package org.pkgforge.webapp.actions;

import java.util.List;
import java.util.Optional;

/**
 * What the admin pages change, on the services the {@code pkgforge host|platform|user} commands
 * use. Every method refuses a user who is not an admin ({@link Refused.Kind#FORBIDDEN}), whatever
 * the page checked before.
 */
public interface AdminActions {
    /**
     * A build host as the add form describes it. {@code ssh} is {@code USER@HOST[:PORT]};
     * {@code platforms} are {@code NAME/ARCH}; a null {@code workDir} or {@code javaCommand} means
     * the default.
     */
    record HostRequest(
            String name, String ssh, List<String> platforms, int slots, String workDir, String javaCommand) {}

    /** A host key as a host presented it: the OpenSSH line, its type and {@code SHA256:} fingerprint. */
    record OfferedKey(String line, String algorithm, String fingerprint) {}

    /** The controller's SSH public key, for the build user's authorized_keys; "" when it has none. */
    String controllerKey();

    /** Checks the request and asks the host for its key (no login); nothing is stored. */
    OfferedKey probeHost(WebUser admin, HostRequest host) throws Refused;

    /**
     * Adds the host with exactly {@code confirmedKey} pinned, the key the admin was shown. Refused
     * when the host now presents another key; returns a warning when it could not be asked.
     */
    Optional<String> addHost(WebUser admin, HostRequest host, String confirmedKey) throws Refused;

    void setHostEnabled(WebUser admin, String host, boolean enabled) throws Refused;

    /**
     * Sets the host's slots and replaces its platforms ({@code NAME/ARCH}). Running tasks are never
     * cut short. Returns what changed, in words, for the page.
     */
    String changeHost(WebUser admin, String host, int slots, List<String> platforms) throws Refused;

    /** Removes the host; its running tasks are queued again. Returns how many. */
    int removeHost(WebUser admin, String host) throws Refused;

    /** Re-pins the host's key after a change, as for {@link #addHost}; returns a warning, if any. */
    Optional<String> pinHostKey(WebUser admin, String host, String confirmedKey) throws Refused;

    /** Adds a platform, inactive and not auto. */
    void addPlatform(WebUser admin, String name, String arch) throws Refused;

    /** Deactivating also takes the platform out of the auto set. */
    void setPlatformActive(WebUser admin, String name, String arch, boolean active) throws Refused;

    void setPlatformAuto(WebUser admin, String name, String arch, boolean auto) throws Refused;

    /** {@code key}: one authorized_keys line. */
    void addUser(WebUser admin, String name, boolean isAdmin, String key) throws Refused;

    void addKey(WebUser admin, String user, String key) throws Refused;

    /** Grants or revokes the admin flag; refused when an admin would revoke their own. */
    void setUserAdmin(WebUser admin, String user, boolean isAdmin) throws Refused;

    /** Revokes by {@code SHA256:} fingerprint; new SSH sessions with the key are refused at once. */
    void revokeKey(WebUser admin, String user, String fingerprint) throws Refused;

    /** Changes nothing: a read-only web UI. */
    AdminActions NONE = new ReadOnlyAdmin();
}
