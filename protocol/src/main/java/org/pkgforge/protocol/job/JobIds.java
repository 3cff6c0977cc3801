package org.pkgforge.protocol.job;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Job ids. An id is also a directory name in incoming, accepted and results, so the rules are
 * strict: the original's character set and 50-character limit (the registry's JOB_UUID domain),
 * and additionally no leading '.', which would make {@code .} and {@code ..} valid and hide the job
 * from the incoming scanner.
 */
public final class JobIds {
    public static final int MAX_LENGTH = 50;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    private JobIds() {}

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && id.charAt(0) != '.';
    }

    public static void check(String id) throws JobFormatException {
        if (id != null && VALID.matcher(id).matches() && id.charAt(0) == '.') {
            throw new JobFormatException("job id " + Shown.quote(id) + " is invalid: it must not start with '.'");
        }
        if (!isValid(id)) {
            throw new JobFormatException("job id " + Shown.quote(id)
                    + " is invalid: only A-Z a-z 0-9 _ . - allowed, at most " + MAX_LENGTH + " characters");
        }
    }

    /** A fresh random id: a UUID as URL-safe base64 without padding (22 characters), like the original. */
    public static String generate() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes =
                ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
