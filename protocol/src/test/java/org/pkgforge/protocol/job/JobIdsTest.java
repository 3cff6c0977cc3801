package org.pkgforge.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "i8Mq2Q0nRaG171vp1FpLxw", "hello-1.0_build.2", "-x", "Z9"})
    void acceptsTheOriginalCharacterSet(String id) {
        assertThat(JobIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", ".", ".hidden", "a b", "h\u00e9llo", "\u65e5\u672c", "a\nb", "a\u0000b"})
    void refusesOthers(String id) {
        assertThat(JobIds.isValid(id)).isFalse();
        assertThatThrownBy(() -> JobIds.check(id)).isInstanceOf(JobFormatException.class);
    }

    @Test
    void fiftyCharactersIsTheLimit() {
        assertThat(JobIds.isValid("a".repeat(50))).isTrue();
        assertThat(JobIds.isValid("a".repeat(51))).isFalse();
        assertThat(JobIds.isValid(null)).isFalse();
    }

    @Test
    void explainsTheRule() {
        assertThatThrownBy(() -> JobIds.check("a/b"))
                .isInstanceOf(JobFormatException.class)
                .extracting(e -> ((JobFormatException) e).reason())
                .isEqualTo("job id 'a/b' is invalid: only A-Z a-z 0-9 _ . - allowed, at most 50 characters");
        assertThatThrownBy(() -> JobIds.check("..")).hasMessage("job id '..' is invalid: it must not start with '.'");
    }

    @Test
    void generatesValid22CharacterIds() throws JobFormatException {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = JobIds.generate();
            assertThat(id).hasSize(22);
            JobIds.check(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
