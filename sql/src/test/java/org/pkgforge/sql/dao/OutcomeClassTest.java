package org.pkgforge.sql.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkgforge.sql.row.NewJob;
import org.pkgforge.sql.row.TaskRow;
import org.pkgforge.sql.testing.PostgresExtension;

/** Outcome classes and the infrastructure retry limit (V005__builds.sql, R__builds.sql). */
class OutcomeClassTest {
    @RegisterExtension
    static PostgresExtension pg = new PostgresExtension();

    private Jdbi jdbi;
    private int el9;

    @BeforeEach
    void setUp() {
        pg.execute("TRUNCATE job, platform, agent CASCADE");
        jdbi = pg.controllerJdbi();
        el9 = jdbi.onDemand(PlatformDao.class).add("el9", "x86_64");
        jdbi.onDemand(PlatformDao.class).activate("el9", "x86_64");
        AgentDao agents = jdbi.onDemand(AgentDao.class);
        agents.addPlatform(agents.upsert("a1", 2), el9);
        jdbi.onDemand(SettingDao.class).put("max_infra_attempts", "2");
    }

    private long newTask(String uuid) {
        return jdbi.inTransaction(h -> {
            long job = h.attach(JobDao.class)
                    .insert(new NewJob(
                            uuid, "devel", "alice", "registered", null, List.of("auto"), List.of("all"), List.of(), 1));
            return h.attach(TaskDao.class).insert(job, el9);
        });
    }

    private TaskRow row(long task) {
        return jdbi
                .withHandle(h -> h.createQuery("SELECT job_id FROM task WHERE id = :t")
                        .bind("t", task)
                        .mapTo(Long.class)
                        .list())
                .stream()
                .flatMap(job -> jdbi.onDemand(TaskDao.class).forJob(job).stream())
                .filter(t -> t.id() == task)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aBuildFailureIsFinalAndClassedAsBuild() {
        long task = newTask("j1");
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        tasks.claim("a1", 60);
        tasks.finish(task, 1, "fail", "a.src.rpm: rpmbuild exited 1");

        assertThat(row(task).status()).isEqualTo("fail");
        assertThat(row(task).failureClass()).isEqualTo("build");
        assertThat(tasks.claim("a1", 60)).isEmpty();
    }

    @Test
    void infrastructureFailuresAreRetriedUpToTheLimitThenFail() {
        long task = newTask("j1");
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        tasks.claim("a1", 60);
        tasks.finish(task, 1, "infra_fail", "agent lost");

        assertThat(row(task).status()).isEqualTo("needs_build");
        assertThat(row(task).failureClass()).isEqualTo("infrastructure");
        assertThat(tasks.claim("a1", 60)).isPresent();
        tasks.finish(task, 2, "infra_fail", "disk full");

        TaskRow failed = row(task);
        assertThat(failed.status()).isEqualTo("fail");
        assertThat(failed.failureClass()).isEqualTo("infrastructure");
        assertThat(failed.reason()).isEqualTo("infrastructure failure, gave up after 2 attempt(s): disk full");
        assertThat(tasks.claim("a1", 60)).isEmpty();
    }

    @Test
    void aSuccessAfterAnInfrastructureFailureClearsTheClass() {
        long task = newTask("j1");
        TaskDao tasks = jdbi.onDemand(TaskDao.class);
        tasks.claim("a1", 60);
        tasks.finish(task, 1, "infra_fail", "agent lost");
        tasks.claim("a1", 60);
        tasks.finish(task, 2, "success", null);

        assertThat(row(task).status()).isEqualTo("success");
        assertThat(row(task).failureClass()).isNull();
    }
}
