package org.pkgforge.protocol.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for each build.yml field, shared by {@link ManifestCodec} (reading a manifest) and
 * {@link JobPackager} (building one from command-line options), so both refuse the same things.
 * Each check returns the problem, if any, so the caller can add where it was found.
 */
final class ManifestFields {
    static final String MANIFEST_NAME = "build.yml";

    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");
    private static final Pattern TYPE = Pattern.compile("\\w+");
    // Platform and arch rules: a name or keyword (auto, all), optionally negated with '!'.
    private static final Pattern RULE = Pattern.compile("!?[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    // Buckets become repository directory names on the controller.
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>\"]{1,64}@[^@\\s,<>\"]{1,189}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_FILE_NAME = 255;

    private ManifestFields() {}

    /**
     * Splits comma-separated entries ("a, b" → a, b) like the original, drops blanks, and falls back
     * to the default when nothing is left.
     */
    static List<String> splitList(List<String> raw, List<String> fallback) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String entry : raw) {
                for (String part : LIST_SEPARATOR.split(entry.strip())) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            }
        }
        return out.isEmpty() ? fallback : List.copyOf(out);
    }

    static Optional<String> ruleProblem(String field, String rule) {
        return RULE.matcher(rule).matches()
                ? Optional.empty()
                : Optional.of(field + " entry " + Shown.quote(rule)
                        + " is invalid: a name (A-Z a-z 0-9 _ . + -), optionally preceded by '!'");
    }

    static Optional<String> bucketProblem(String bucket) {
        return BUCKET.matcher(bucket).matches()
                ? Optional.empty()
                : Optional.of("bucket " + Shown.quote(bucket)
                        + " is invalid: only A-Z a-z 0-9 _ . + - allowed, at most 64 characters,"
                        + " starting with a letter or digit");
    }

    static Optional<String> emailProblem(String address) {
        return EMAIL.matcher(address).matches() && address.length() <= 254
                ? Optional.empty()
                : Optional.of("report address " + Shown.quote(address) + " is not an email address");
    }

    static Optional<String> typeProblem(String type) {
        return TYPE.matcher(type).matches()
                ? Optional.empty()
                : Optional.of("package type " + Shown.quote(type) + " is invalid: only letters, digits and _");
    }

    /** A package file must be a plain name inside the job directory: no path, nothing hidden. */
    static Optional<String> fileNameProblem(String file) {
        String problem = null;
        if (file.isEmpty()) {
            problem = "is empty";
        } else if (file.indexOf('/') >= 0 || file.indexOf('\\') >= 0) {
            problem = "must be a bare file name, without a directory";
        } else if (file.chars().anyMatch(Character::isISOControl)) {
            problem = "must not contain control characters";
        } else if (file.startsWith(".")) {
            problem = "must not start with '.'";
        } else if (file.equals(MANIFEST_NAME)) {
            problem = "is the manifest's own name";
        } else if (file.length() > MAX_FILE_NAME) {
            problem = "is longer than " + MAX_FILE_NAME + " characters";
        }
        return Optional.ofNullable(problem).map(p -> "package file " + Shown.quote(file) + " " + p);
    }

    /** The digest in lowercase, or empty when it is not 40 (SHA-1) / 64 (SHA-256) hex digits. */
    static Optional<String> normalizedSha1(String hex) {
        return SHA1.matcher(hex).matches() ? Optional.of(hex.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    static Optional<String> normalizedSha256(String hex) {
        return SHA256.matcher(hex).matches() ? Optional.of(hex.toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
