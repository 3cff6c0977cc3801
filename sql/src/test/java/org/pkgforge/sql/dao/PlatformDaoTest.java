package org.pkgforge.sql.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.row.Platform;
import org.pkgforge.sql.testing.PostgresExtension;

class PlatformDaoTest {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private PlatformDao platforms;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        platforms = pg.controllerJdbi().onDemand(PlatformDao.class);
    }

    @Test
    void addedPlatformsStartInactiveAndNotAuto() {
        int id = platforms.add("el9", "x86_64");
        assertThat(platforms.find("el9", "x86_64")).contains(new Platform(id, "el9", "x86_64", false, false));
        assertThat(platforms.active()).isEmpty();
    }

    @Test
    void deactivateAlsoClearsAuto() {
        platforms.add("el9", "x86_64");
        platforms.activate("el9", "x86_64");
        platforms.setAuto("el9", "x86_64");
        assertThat(platforms.find("el9", "x86_64").orElseThrow().auto()).isTrue();
        platforms.deactivate("el9", "x86_64");
        Platform p = platforms.find("el9", "x86_64").orElseThrow();
        assertThat(p.active()).isFalse();
        assertThat(p.auto()).isFalse();
    }

    @Test
    void duplicatePairIsRefused() {
        platforms.add("el9", "x86_64");
        assertThatThrownBy(() -> platforms.add("el9", "x86_64")).hasMessageContaining("platform_name_arch");
    }

    @Test
    void unknownPlatformChangesNothing() {
        assertThat(platforms.activate("nope", "x86_64")).isFalse();
    }
}
