package org.pkgforge.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.dao.JobDao;
import org.pkgforge.sql.dao.PlatformDao;
import org.pkgforge.sql.dao.TaskDao;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.testing.PostgresExtension;

/** The Prometheus exposition, read back from real registry rows. */
@Timeout(60)
class FarmMetricsIT {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    Jdbi jdbi;
    FarmMetrics metrics;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        jdbi = pg.controllerJdbi();
        metrics = new FarmMetrics(jdbi);
    }

    @Test
    void queuePerPlatformTasksByStateSlotsAndCountersAreExposed() {
        PlatformDao platforms = jdbi.onDemand(PlatformDao.class);
        platforms.add("el9", "x86_64");
        platforms.activate("el9", "x86_64");
        platforms.add("el8", "x86_64");
        platforms.activate("el8", "x86_64");
        long job = jdbi.onDemand(JobDao.class)
                .insert(new NewJob(
                        "m-1", "devel", "alice", "registered", null, List.of("auto"), List.of("all"), List.of(), 1));
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        long el9 =
                tasks.insert(job, platforms.find("el9", "x86_64").orElseThrow().id());
        tasks.insert(job, platforms.find("el8", "x86_64").orElseThrow().id());
        jdbi.useHandle(h -> h.execute("UPDATE task SET status = 'building', attempts = 1 WHERE id = ?", el9));

        metrics.dispatched(el9, 1);
        metrics.logBytes(1234);
        String text = metrics.scrape();

        assertThat(text)
                .contains("pkgforge_queue_length{platform=\"el8/x86_64\"} 1")
                .contains("pkgforge_queue_length{platform=\"el9/x86_64\"} 0")
                .contains("pkgforge_tasks{state=\"building\"} 1")
                .contains("pkgforge_tasks{state=\"needs_build\"} 1")
                .contains("pkgforge_tasks{state=\"success\"} 0")
                .contains("pkgforge_agent_slots{state=\"total\"} 0")
                .contains("pkgforge_dispatch_latency_seconds_count 1")
                .contains("pkgforge_dispatch_latency_seconds_bucket{le=")
                .contains("pkgforge_log_bytes_total 1234")
                .contains("jvm_memory_used_bytes");

        // Read at every scrape: a task that started building leaves the queue at once.
        jdbi.useHandle(
                h -> h.execute("UPDATE task SET status = 'building', attempts = 1 WHERE status = 'needs_build'"));
        assertThat(metrics.scrape()).contains("pkgforge_queue_length{platform=\"el8/x86_64\"} 0");
    }
}
