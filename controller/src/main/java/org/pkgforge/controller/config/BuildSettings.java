package org.pkgforge.controller.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How each target builds, from the {@code builds:} section of controller.yaml: the builder per
 * platform and the builder options (error policy, check policy, tool settings), with later
 * entries overriding earlier ones: built-in defaults, then the platform's options, then the
 * bucket's, then those of the bucket × platform pair ({@code "devel/el9"}). Nothing about a site
 * is hard-wired: a platform without an entry builds with {@code rpmbuild} and the defaults.
 *
 * <pre>
 * builds:
 *   maxInfraAttempts: 3
 *   platforms:
 *     el9: { builder: rpmbuild, options: { errorPolicy: retry } }
 *     bookworm: { builder: dpkg-buildpackage }
 *   buckets:
 *     devel: { checkPolicy: fail }
 *   targets:
 *     devel/el9: { checkPolicy: warn }
 * </pre>
 */
public record BuildSettings(
        Integer maxInfraAttempts,
        Map<String, PlatformBuild> platforms,
        Map<String, Map<String, String>> buckets,
        Map<String, Map<String, String>> targets) {
    public static final String DEFAULT_BUILDER = "rpmbuild";
    public static final int DEFAULT_MAX_INFRA_ATTEMPTS = 3;

    public BuildSettings {
        maxInfraAttempts = maxInfraAttempts == null ? DEFAULT_MAX_INFRA_ATTEMPTS : maxInfraAttempts;
        if (maxInfraAttempts < 1) {
            throw new IllegalArgumentException("builds.maxInfraAttempts must be at least 1");
        }
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
        buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /** One platform's builder and its options. */
    public record PlatformBuild(String builder, Map<String, String> options) {
        public PlatformBuild {
            builder = builder == null || builder.isBlank() ? DEFAULT_BUILDER : builder;
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** What a task for one bucket and platform is sent with. */
    public record Resolved(String builder, Map<String, String> options) {
        /** True for the builders whose products go into a Debian repository. */
        public boolean debian() {
            return builder.equals("dpkg-buildpackage") || builder.equals("sbuild");
        }
    }

    public static BuildSettings defaults() {
        return new BuildSettings(null, null, null, null);
    }

    public Resolved resolve(String bucket, String platform) {
        Optional<PlatformBuild> p = Optional.ofNullable(platforms.get(platform));
        Map<String, String> options = new LinkedHashMap<>();
        p.ifPresent(b -> options.putAll(b.options()));
        options.putAll(buckets.getOrDefault(bucket, Map.of()));
        options.putAll(targets.getOrDefault(bucket + "/" + platform, Map.of()));
        return new Resolved(p.map(PlatformBuild::builder).orElse(DEFAULT_BUILDER), options);
    }
}
