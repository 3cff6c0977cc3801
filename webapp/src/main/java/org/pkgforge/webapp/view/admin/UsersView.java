package org.pkgforge.webapp.view.admin;

import java.util.List;
import org.pkgforge.webapp.Routes;
import org.pkgforge.webapp.store.KeyFingerprint;
import org.pkgforge.webapp.store.UserKeys;
import org.pkgforge.webapp.view.Formats;

/**
 * {@code /admin/users}: users and their key fingerprints, each with the button that grants or
 * revokes their admin flag ({@code adminHref}, null for the viewer's own), and the add-user form
 * (refilled after a refusal).
 */
public record UsersView(List<UserView> users, String name, String key, boolean admin, String error, String notice) {
    public record UserView(
            String name,
            boolean admin,
            Formats.Moment created,
            List<KeyView> keys,
            String addKeyHref,
            String revokeHref,
            String adminHref) {}

    /** {@code revoked} is null for a live key. */
    public record KeyView(
            String fingerprint, String algorithm, String comment, Formats.Moment added, Formats.Moment revoked) {}

    /** {@code viewer}: the admin looking, who gets no button to revoke their own flag (it would be refused). */
    public static UsersView of(
            List<UserKeys> users, String viewer, String name, String key, boolean admin, String error, String notice) {
        return new UsersView(users.stream().map(u -> user(u, viewer)).toList(), name, key, admin, error, notice);
    }

    private static UserView user(UserKeys u, String viewer) {
        boolean own = u.user().name().equals(viewer);
        return new UserView(
                u.user().name(),
                u.user().admin(),
                Formats.moment(u.user().createdAt()),
                u.keys().stream().map(UsersView::key).toList(),
                Routes.adminUserKeys(u.user().name()),
                Routes.adminRevokeKey(u.user().name()),
                u.user().admin() && own
                        ? null
                        : Routes.adminUser(u.user().name(), u.user().admin() ? "unadmin" : "admin"));
    }

    private static KeyView key(KeyFingerprint k) {
        return new KeyView(
                k.fingerprint(),
                k.algorithm(),
                k.comment() == null ? "" : k.comment(),
                Formats.moment(k.addedAt()),
                Formats.moment(k.revokedAt()));
    }
}
