package org.pkgforge.controller.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where sbuild's chroot tarballs live and how {@code pkgforge chroot create} makes them, from
 * {@code builds.chroots} in controller.yaml. One tarball per suite and Debian architecture, named
 * {@code <suite>-<arch>.tar.zst} as sbuild itself names them in ~/.cache/sbuild; the sbuild
 * builder is sent the path of its platform's tarball. {@code directory} defaults to
 * {@code <stateDir>/chroots} once the controller's configuration is complete.
 *
 * <pre>
 * builds:
 *   chroots:
 *     directory: /var/lib/pkgforge/chroots
 *     mirror: http://deb.debian.org/debian
 *     include: [debhelper, fakeroot]
 * </pre>
 */
public record ChrootSettings(String directory, String mirror, List<String> include, String variant) {
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    public static final List<String> DEFAULT_INCLUDE = List.of("debhelper", "fakeroot");
    public static final String DEFAULT_VARIANT = "buildd";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.+-]*");
    private static final Map<String, String> DEBIAN_ARCHES = Map.of(
            "x86_64", "amd64",
            "aarch64", "arm64",
            "i386", "i386",
            "i686", "i386",
            "ppc64le", "ppc64el",
            "armv7hl", "armhf",
            "s390x", "s390x",
            "riscv64", "riscv64");

    public ChrootSettings {
        mirror = mirror == null || mirror.isBlank() ? DEFAULT_MIRROR : mirror;
        include = include == null ? DEFAULT_INCLUDE : List.copyOf(include);
        variant = variant == null || variant.isBlank() ? DEFAULT_VARIANT : variant;
    }

    public static ChrootSettings defaults() {
        return new ChrootSettings(null, null, null, null);
    }

    /** The directory, when set (always, inside a {@link ControllerConfig}). */
    public Optional<Path> dir() {
        return Optional.ofNullable(directory)
                .map(d -> Path.of(d).toAbsolutePath().normalize());
    }

    ChrootSettings withDefaultDirectory(Path dir) {
        return directory != null ? this : new ChrootSettings(dir.toString(), mirror, include, variant);
    }

    /**
     * The tarball's file name.
     *
     * @throws IllegalArgumentException when suite or arch is not a plain Debian name (no path parts)
     */
    public static String tarballName(String suite, String debArch) {
        for (String name : List.of(suite, debArch)) {
            if (!plainName(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a Debian suite or architecture name");
            }
        }
        return suite + "-" + debArch + ".tar.zst";
    }

    /** True for names like bookworm, amd64, bookworm-backports: no path parts, no spaces. */
    public static boolean plainName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The Debian name of a platform architecture (x86_64 → amd64); Debian names pass through. */
    public static String debianArch(String arch) {
        return DEBIAN_ARCHES.getOrDefault(arch, arch);
    }
}
