package org.pkgforge.controller.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkgforge.controller.targets.ArchFilter.ArchConstraints;
import org.pkgforge.sql.row.Platform;

/** The original PkgForge's test cases (inventory 3.5): sl5 and f13 auto, sl6 not, each i386 + x86_64. */
class TargetRulesTest {
    private static final List<Platform> ACTIVE = List.of(
            new Platform(1, "sl5", "i386", true, true),
            new Platform(2, "sl5", "x86_64", true, true),
            new Platform(3, "f13", "i386", true, true),
            new Platform(4, "f13", "x86_64", true, true),
            new Platform(5, "sl6", "i386", true, false),
            new Platform(6, "sl6", "x86_64", true, false));

    private static String targets(String platforms, String archs) {
        List<String> p = platforms == null ? List.of() : List.of(platforms.split(","));
        List<String> a = archs == null ? List.of() : List.of(archs.split(","));
        String selected = String.join(
                " ",
                TargetRules.select(ACTIVE, p, a).targets().stream()
                        .map(Platform::label)
                        .toList());
        return selected.isEmpty() ? "none" : selected;
    }

    @ParameterizedTest(name = "platforms={0} archs={1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "auto;all;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64",
                ";;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64",
                "all;all;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64 sl6/i386 sl6/x86_64",
                "all,!sl6;all;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64",
                "auto,!sl5;all;f13/i386 f13/x86_64",
                "!sl5;all;f13/i386 f13/x86_64",
                "auto,sl6;all;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64 sl6/i386 sl6/x86_64",
                "auto,foo;all;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64",
                "auto,!foo;all;f13/i386 f13/x86_64 sl5/i386 sl5/x86_64",
                "all;foo;none",
                "auto;!i386;f13/x86_64 sl5/x86_64",
                "SL6;X86_64;sl6/x86_64",
                "sl6;all,!x86_64;sl6/i386",
                "!sl5,!f13;all;none",
            })
    void behavesLikeTheOriginal(String platforms, String archs, String expected) {
        assertThat(targets(platforms, archs)).isEqualTo(expected);
    }

    @Test
    void unknownNamesAreReported() {
        var selection = TargetRules.select(ACTIVE, List.of("auto", "foo", "!bar"), List.of("all", "sparc"));
        assertThat(selection.unknownNames()).containsExactly("foo", "!bar", "arch sparc");
    }

    @Test
    void inactivePlatformsAreNeverSelected() {
        var rows = List.of(new Platform(1, "el9", "x86_64", true, true));
        assertThat(TargetRules.select(rows, List.of("el8"), List.of()).targets())
                .isEmpty();
    }

    @Test
    void excludeArchSkipsWithReason() {
        var pkgs = List.of(new ArchConstraints("a.src.rpm", List.of(), List.of("i386")));
        assertThat(ArchFilter.skipReason("i386", pkgs)).contains("excluded by ExcludeArch: i386 (a.src.rpm)");
        assertThat(ArchFilter.skipReason("x86_64", pkgs)).isEmpty();
    }

    @Test
    void exclusiveArchSkipsOtherArchs() {
        var pkgs = List.of(
                new ArchConstraints("a.src.rpm", List.of(), List.of()),
                new ArchConstraints("b.src.rpm", List.of("x86_64", "aarch64"), List.of()));
        assertThat(ArchFilter.skipReason("i386", pkgs)).contains("not in ExclusiveArch: x86_64 aarch64 (b.src.rpm)");
        assertThat(ArchFilter.skipReason("aarch64", pkgs)).isEmpty();
    }
}
