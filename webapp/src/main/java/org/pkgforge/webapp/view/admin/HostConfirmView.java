package org.pkgforge.webapp.view.admin;

import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.actions.AdminActions;

/**
 * The second step of adding a host: the key it presented, to confirm. The form carries the request
 * again and exactly this key, which is what gets pinned.
 */
public record HostConfirmView(
        HostsView.HostForm form, String algorithm, String fingerprint, String keyLine, String confirmHref) {
    public static HostConfirmView of(HostsView.HostForm form, AdminActions.OfferedKey key) {
        return new HostConfirmView(
                form, key.algorithm(), key.fingerprint(), key.line(), Routes.ADMIN_HOSTS + "/confirm");
    }
}
