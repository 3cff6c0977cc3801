package org.pkgforge.sql.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.Pools;
import org.pkgforge.sql.Registry;
import org.pkgforge.sql.row.ClaimedTask;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.testing.PostgresExtension;

class TaskClaimTest {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private Jdbi jdbi;
    private int el9;
    private int agentId;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        jdbi = pg.controllerJdbi();
        el9 = jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        jdbi.onDemand(PlatformDao.class).activate("el9", "x86_64");
        AgentDao agents = jdbi.onDemand(AgentDao.class);
        agentId = agents.upsert("a1", 2);
        agents.addPlatform(agentId, el9);
    }

    private long newTask(String uuid) {
        return jdbi.inTransaction(h -> {
            long job = h.attach(JobDao.class)
                    .insert(new NewJob(
                            uuid, "devel", "alice", "registered", null, List.of("auto"), List.of("all"), List.of(), 1));
            return h.attach(TaskDao.class).insert(job, el9);
        });
    }

    @Test
    void claimsOldestFirstAndNumbersAttempts() {
        long first = newTask("j1");
        long second = newTask("j2");
        TaskDao tasks = jdbi.onDemand(TaskDao.class);

        assertThat(tasks.claim("a1", 60)).contains(new ClaimedTask(first, 1));
        assertThat(tasks.claim("a1", 60)).contains(new ClaimedTask(second, 1));
        assertThat(tasks.claim("a1", 60)).isEmpty();
    }

    @Test
    void agentWithoutThePlatformGetsNothing() {
        newTask("j1");
        jdbi.onDemand(AgentDao.class).upsert("other", 1);
        assertThat(jdbi.onDemand(TaskDao.class).claim("other", 60)).isEmpty();
    }

    @Test
    void staleAttemptsAreFencedOff() {
        long task = newTask("j1");
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        tasks.claim("a1", 60);
        assertThat(tasks.finish(task, 1, "infra_fail", "agent lost")).isTrue();
        assertThat(tasks.claim("a1", 60)).contains(new ClaimedTask(task, 2));

        assertThat(tasks.isCurrent(task, 1)).isFalse();
        assertThat(tasks.renewLease(task, 1, 60)).isFalse();
        assertThat(tasks.finish(task, 1, "success", null)).isFalse();
        assertThat(tasks.finish(task, 2, "success", null)).isTrue();
        assertThat(tasks.finish(task, 2, "fail", "duplicate")).isFalse();
        assertThat(tasks.forJob(tasks.detail(task).orElseThrow().jobId()).get(0).status())
                .isEqualTo("success");
    }

    @Test
    void expiredLeaseRequeuesAsInfrastructureFailure() {
        long task = newTask("j1");
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        tasks.claim("a1", 0);
        assertThat(tasks.requeueExpired()).isEqualTo(1);
        assertThat(tasks.detail(task).orElseThrow().status()).isEqualTo("needs_build");
        String outcome = jdbi.withHandle(h -> h.createQuery("SELECT outcome FROM attempt WHERE task_id = :t")
                .bind("t", task)
                .mapTo(String.class)
                .one());
        assertThat(outcome).isEqualTo("infra_fail");
    }

    @Test
    void jobStatusIsDerivedFromTasks() {
        int aarch = jdbi.onDemand(PlatformDao.class).add("el9", "aarch64");
        jdbi.onDemand(PlatformDao.class).activate("el9", "aarch64");
        jdbi.onDemand(AgentDao.class).addPlatform(agentId, aarch);
        long t1 = newTask("j1");
        long job = jdbi.onDemand(TaskDao.class).detail(t1).orElseThrow().jobId();
        long t2 = jdbi.onDemand(TaskDao.class).insert(job, aarch);
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        JobDao jobs = jdbi.onDemand(JobDao.class);
        tasks.claim("a1", 60);
        tasks.claim("a1", 60);

        tasks.finish(t1, 1, "success", null);
        assertThat(jobs.findByUuid("j1").orElseThrow().status()).isEqualTo("partial_success");
        tasks.finish(t2, 1, "fail", "rpmbuild exited 1");
        assertThat(jobs.findByUuid("j1").orElseThrow().status()).isEqualTo("partial_fail");
    }

    @Test
    void concurrentClaimersNeverShareATask() throws Exception {
        for (int i = 0; i < 40; i++) {
            newTask("job" + i);
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        try (var pool = Pools.open(pg.controllerCredentials(), "claimers", 8)) {
            Jdbi concurrent = Registry.jdbi(pool);
            ExecutorService executor = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                futures.add(executor.submit(() -> {
                    Optional<ClaimedTask> c;
                    while ((c = concurrent.onDemand(TaskDao.class).claim("a1", 60)).isPresent()) {
                        if (!claimed.add(c.get().taskId())) {
                            synchronized (duplicates) {
                                duplicates.add(c.get().taskId());
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            executor.shutdown();
        }
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(40);
    }

    @Test
    void controllerRoleCannotChangeTheSchema() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DROP TABLE artifact")))
                .hasMessageContaining("must be owner");
    }
}
