package org.pkgforge.controller.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.pkgforge.sql.dao.MetricsDao;
import org.pkgforge.sql.row.CountBy;
import org.pkgforge.sql.row.SlotUse;

/**
 * The controller's Prometheus metrics. Counts that live in the registry (queue per platform,
 * tasks by state, slots) are read when scraped, so every controller process reports the same
 * truth; what only this process sees (dispatch latency, log bytes received) is counted as it
 * happens.
 */
public final class FarmMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Jdbi jdbi;
    private final Timer dispatchLatency;
    private final Counter logBytes;
    private final MultiGauge queue;
    private final MultiGauge tasks;
    private final AtomicLong slotsTotal = new AtomicLong();
    private final AtomicLong slotsUsed = new AtomicLong();

    public FarmMetrics(Jdbi jdbi) {
        this.jdbi = jdbi;
        dispatchLatency = Timer.builder("pkgforge.dispatch.latency")
                .description("From a task becoming claimable to its TaskAssign being sent to an agent")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        logBytes = Counter.builder("pkgforge.log.bytes")
                .description("Build log bytes received from agents and stored")
                .baseUnit("bytes")
                .register(registry);
        queue = MultiGauge.builder("pkgforge.queue.length")
                .description("Tasks waiting for an agent, per platform")
                .register(registry);
        tasks = MultiGauge.builder("pkgforge.tasks")
                .description("Tasks by state")
                .register(registry);
        registry.gauge("pkgforge.agent.slots", Tags.of("state", "total"), slotsTotal);
        registry.gauge("pkgforge.agent.slots", Tags.of("state", "used"), slotsUsed);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public void dispatched(long taskId, int attempt) {
        double waited = jdbi.withExtension(MetricsDao.class, m -> m.waitedSeconds(taskId, attempt));
        dispatchLatency.record(Duration.ofNanos((long) (waited * 1e9)));
    }

    public void logBytes(long bytes) {
        logBytes.increment(bytes);
    }

    /** The Prometheus text exposition, with the registry's counts read now. */
    public String scrape() {
        jdbi.useExtension(MetricsDao.class, m -> {
            queue.register(rows(m.queueByPlatform(), "platform"), true);
            tasks.register(rows(m.tasksByState(), "state"), true);
            SlotUse slots = m.slots();
            slotsTotal.set(slots.total());
            slotsUsed.set(slots.used());
        });
        return registry.scrape();
    }

    private static List<MultiGauge.Row<?>> rows(List<CountBy> counts, String tag) {
        return counts.stream()
                .<MultiGauge.Row<?>>map(c -> MultiGauge.Row.of(Tags.of(tag, c.key()), c.count()))
                .toList();
    }
}
