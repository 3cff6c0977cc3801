package org.pkgforge.controller.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each target builds, from the {@code builds:} section of controller.yaml: the builder per
 * platform and the builder options (error policy, check policy, tool settings), with later
 * entries overriding earlier ones: built-in defaults, then the platform's options, then the
 * bucket's, then those of the bucket × platform pair ({@code "devel/el9"}). Nothing about a site
 * is hard-wired: a platform without an entry builds with {@code rpmbuild} and the defaults. An
 * {@code sbuild} platform is sent the path of its chroot tarball ({@link ChrootSettings}) unless
 * its options name one.
 *
 * <pre>
 * builds:
 *   maxInfraAttempts: 3
 *   platforms:
 *     el9: { builder: rpmbuild, options: { errorPolicy: retry } }
 *     bookworm: { builder: sbuild, options: { dist: bookworm } }
 *   buckets:
 *     devel: { checkPolicy: fail }
 *   targets:
 *     devel/el9: { checkPolicy: warn }
 *   chroots: { mirror: http://deb.debian.org/debian }
 * </pre>
 */
public record BuildSettings(
        Integer maxInfraAttempts,
        Map<String, PlatformBuild> platforms,
        Map<String, Map<String, String>> buckets,
        Map<String, Map<String, String>> targets,
        ChrootSettings chroots) {
    public static final String DEFAULT_BUILDER = "rpmbuild";
    public static final String SBUILD = "sbuild";
    public static final int DEFAULT_MAX_INFRA_ATTEMPTS = 3;

    public BuildSettings {
        maxInfraAttempts = maxInfraAttempts == null ? DEFAULT_MAX_INFRA_ATTEMPTS : maxInfraAttempts;
        if (maxInfraAttempts < 1) {
            throw new IllegalArgumentException("builds.maxInfraAttempts must be at least 1");
        }
        platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
        buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        chroots = chroots == null ? ChrootSettings.defaults() : chroots;
        List<Map<String, String>> layers = new java.util.ArrayList<>(buckets.values());
        layers.addAll(targets.values());
        platforms.values().forEach(p -> layers.add(p.options()));
        for (Map<String, String> options : layers) {
            for (String key : List.of("dist", "debArch")) {
                String value = options.get(key);
                if (value != null && !ChrootSettings.plainName(value)) {
                    throw new IllegalArgumentException(
                            "builds: option " + key + " is '" + value + "', not a Debian suite or architecture name");
                }
            }
        }
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
            return builder.equals("dpkg-buildpackage") || builder.equals(SBUILD);
        }
    }

    public static BuildSettings defaults() {
        return new BuildSettings(null, null, null, null, null);
    }

    /** These settings with the chroot directory set, unless it already is. */
    BuildSettings withDefaultChrootDirectory(Path dir) {
        return new BuildSettings(maxInfraAttempts, platforms, buckets, targets, chroots.withDefaultDirectory(dir));
    }

    public Resolved resolve(String bucket, String platform) {
        Optional<PlatformBuild> p = Optional.ofNullable(platforms.get(platform));
        Map<String, String> options = new LinkedHashMap<>();
        p.ifPresent(b -> options.putAll(b.options()));
        options.putAll(buckets.getOrDefault(bucket, Map.of()));
        options.putAll(targets.getOrDefault(bucket + "/" + platform, Map.of()));
        return new Resolved(p.map(PlatformBuild::builder).orElse(DEFAULT_BUILDER), options);
    }

    /**
     * What a task for one bucket, platform and architecture is sent with: {@link #resolve}, and for
     * sbuild the chroot tarball {@code pkgforge chroot create} makes for its {@code dist} and
     * Debian architecture ({@code debArch}, else the Debian name of {@code arch}), unless the
     * options name a {@code chroot} or there is no chroot directory.
     */
    public Resolved forTarget(String bucket, String platform, String arch) {
        Resolved resolved = resolve(bucket, platform);
        String dist = resolved.options().get("dist");
        if (!resolved.builder().equals(SBUILD)
                || dist == null
                || resolved.options().containsKey("chroot")
                || chroots.dir().isEmpty()) {
            return resolved;
        }
        Map<String, String> options = new LinkedHashMap<>(resolved.options());
        String debArch = options.computeIfAbsent("debArch", k -> ChrootSettings.debianArch(arch));
        if (!ChrootSettings.plainName(debArch)) {
            return resolved; // an odd registry arch: sbuild's own lookup, and its own error
        }
        options.put(
                "chroot",
                chroots.dir()
                        .get()
                        .resolve(ChrootSettings.tarballName(dist, debArch))
                        .toString());
        return new Resolved(resolved.builder(), options);
    }

    /** An sbuild platform that names its suite; {@code debArch} when its options set one. */
    public record SbuildPlatform(String platform, String dist, Optional<String> debArch) {}

    /** The sbuild platforms whose options name their {@code dist}, by platform name. */
    public List<SbuildPlatform> sbuildPlatforms() {
        return platforms.entrySet().stream()
                .filter(e -> e.getValue().builder().equals(SBUILD)
                        && e.getValue().options().containsKey("dist"))
                .map(e -> new SbuildPlatform(
                        e.getKey(),
                        e.getValue().options().get("dist"),
                        Optional.ofNullable(e.getValue().options().get("debArch"))))
                .sorted(java.util.Comparator.comparing(SbuildPlatform::platform))
                .toList();
    }
}
