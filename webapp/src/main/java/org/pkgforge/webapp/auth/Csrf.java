package org.pkgforge.webapp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.pkgforge.webapp.http.HttpFailure;

/**
 * The per-session CSRF token: derived from the session token (a hash, so the token in a page
 * reveals nothing about the cookie), hence nothing to store and the same for the whole session.
 * Every form carries it in the hidden field {@link #FIELD}.
 */
public final class Csrf {
    public static final String FIELD = "csrf";
    /** Where REST API clients send the token instead of a form field. */
    public static final String HEADER = "X-CSRF-Token";

    private Csrf() {}

    static String tokenFor(String sessionToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("pkgforge-csrf\0" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    static boolean matches(String expected, String submitted) {
        return submitted != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }

    static HttpFailure refusal() {
        return new HttpFailure(
                403, "this form is missing its CSRF token or has a stale one; reload the page and try" + " again");
    }
}
