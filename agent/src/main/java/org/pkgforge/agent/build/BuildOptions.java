package org.pkgforge.agent.build;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A task's builder settings, read from the TaskAssign's options. Unknown values are refused here,
 * at the border, so a typo in the controller's configuration fails the attempt with a reason
 * instead of silently building with a default.
 */
public record BuildOptions(ErrorPolicy errorPolicy, CheckPolicy checkPolicy, Map<String, String> raw) {
    public static final String ERROR_POLICY = "errorPolicy";
    public static final String CHECK_POLICY = "checkPolicy";

    public BuildOptions {
        raw = Map.copyOf(raw);
    }

    /** The original PkgForge's error policies (builder attribute {@code error_policy}). */
    public enum ErrorPolicy {
        /** A failed package moves to a later pass; passes repeat while one makes progress. */
        RETRY,
        /** The first failed package fails the set. */
        IMMEDIATE
    }

    /** What a check's findings (rpmlint errors, lintian errors) do to the task. */
    public enum CheckPolicy {
        /** Run the check, keep its log, never fail the task for it. */
        WARN,
        /** Errors found by the check fail the task. */
        FAIL,
        /** Do not run the check. */
        OFF
    }

    public static BuildOptions defaults() {
        return new BuildOptions(ErrorPolicy.RETRY, CheckPolicy.WARN, Map.of());
    }

    /** @throws IllegalArgumentException naming the bad key and the values it takes */
    public static BuildOptions parse(Map<String, String> options) {
        return new BuildOptions(
                choice(options, ERROR_POLICY, ErrorPolicy.class, ErrorPolicy.RETRY),
                choice(options, CHECK_POLICY, CheckPolicy.class, CheckPolicy.WARN),
                options);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(raw.get(key)).filter(v -> !v.isBlank());
    }

    /** A comma-separated option as a list, or the fallback when it is not set. */
    public List<String> list(String key, List<String> fallback) {
        return get(key).map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(fallback);
    }

    private static <E extends Enum<E>> E choice(Map<String, String> options, String key, Class<E> type, E fallback) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            throw new IllegalArgumentException(
                    "builder option " + key + " is '" + value + "'; it must be one of: " + allowed, e);
        }
    }
}
