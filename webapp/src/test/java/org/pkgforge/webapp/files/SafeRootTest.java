package org.pkgforge.webapp.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeRootTest {
    @TempDir
    Path tmp;

    @Test
    void bareNamesAreSingleHarmlessComponents() {
        assertThat(SafeRoot.isBareName("hello-1.0-1.el9.x86_64.rpm")).isTrue();
        assertThat(SafeRoot.isBareName("build.log")).isTrue();
        for (String bad :
                List.of("", ".", "..", "../x", "a/b", "a\\b", "x\0.rpm", "a..b", "tab\there", "x".repeat(256))) {
            assertThat(SafeRoot.isBareName(bad)).as("%s", bad).isFalse();
        }
    }

    @Test
    void resolvesFilesAndDirectoriesUnderTheRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root/job/el9-x86_64"));
        Files.writeString(root.resolve("build.log"), "ok");

        SafeRoot safe = new SafeRoot(tmp.resolve("root"));

        assertThat(safe.regularFile(List.of("job", "el9-x86_64", "build.log"))).contains(root.resolve("build.log"));
        assertThat(safe.directory(List.of("job"))).contains(tmp.resolve("root/job"));
        assertThat(safe.directory(List.of())).contains(tmp.resolve("root"));
        assertThat(safe.regularFile(List.of("job", "el9-x86_64"))).isEmpty();
        assertThat(safe.regularFile(List.of("job", "el9-x86_64", "missing.log")))
                .isEmpty();
    }

    @Test
    void refusesEscapesAndSymlinksAtAnyDepth() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("job/t-a"));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("job/t-a/link.txt"), secret);
        Files.createSymbolicLink(root.resolve("linkdir"), root.resolve("job"));
        Files.writeString(root.resolve("job/t-a/real.txt"), "real");

        SafeRoot safe = new SafeRoot(root);

        assertThat(safe.regularFile(List.of("..", "secret.txt"))).isEmpty();
        assertThat(safe.regularFile(List.of("job", "t-a", "link.txt"))).isEmpty();
        assertThat(safe.regularFile(List.of("linkdir", "t-a", "real.txt"))).isEmpty();
        assertThat(safe.regularFile(List.of("job", "t-a", "real.txt"))).isPresent();
    }
}
