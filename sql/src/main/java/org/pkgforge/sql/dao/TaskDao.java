package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.ArtifactRow;
import org.pkgforge.sql.row.AttemptRow;
import org.pkgforge.sql.row.ClaimedTask;
import org.pkgforge.sql.row.SkippedTarget;
import org.pkgforge.sql.row.TaskDetail;
import org.pkgforge.sql.row.TaskRow;

/** Tasks and their attempts. State changes go through the plpgsql functions in R__functions.sql. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(TaskRow.class)
@RegisterConstructorMapper(TaskDetail.class)
@RegisterConstructorMapper(ClaimedTask.class)
@RegisterConstructorMapper(SkippedTarget.class)
@RegisterConstructorMapper(ArtifactRow.class)
public interface TaskDao {
    @SqlUpdate
    @GetGeneratedKeys("id")
    long insert(@Bind("jobId") long jobId, @Bind("platformId") int platformId);

    @SqlUpdate
    void insertSkipped(@Bind("jobId") long jobId, @Bind("platformId") int platformId, @Bind("reason") String reason);

    @SqlQuery
    List<TaskRow> forJob(@Bind("jobId") long jobId);

    @SqlQuery
    List<SkippedTarget> skippedForJob(@Bind("jobId") long jobId);

    /** The verified products of each task's current attempt. */
    @SqlQuery
    List<ArtifactRow> artifactsOfJob(@Bind("jobId") long jobId);

    @SqlQuery
    Optional<TaskDetail> detail(@Bind("taskId") long taskId);

    /** Claims the oldest waiting task the agent can build; the lease is timed by the database clock. */
    @SqlQuery
    Optional<ClaimedTask> claim(@Bind("agent") String agentName, @Bind("leaseSeconds") long leaseSeconds);

    @SqlQuery
    boolean isCurrent(@Bind("taskId") long taskId, @Bind("attempt") int attempt);

    @SqlQuery
    boolean renewLease(
            @Bind("taskId") long taskId, @Bind("attempt") int attempt, @Bind("leaseSeconds") long leaseSeconds);

    /** Returns false, changing nothing, when the attempt is stale. */
    @SqlQuery
    boolean finish(
            @Bind("taskId") long taskId,
            @Bind("attempt") int attempt,
            @Bind("outcome") String outcome,
            @Bind("reason") String reason);

    @SqlQuery
    int requeueExpired();

    @SqlUpdate
    boolean markStarted(@Bind("taskId") long taskId, @Bind("attempt") int attempt);

    @SqlUpdate
    void setLogBytes(@Bind("taskId") long taskId, @Bind("attempt") int attempt, @Bind("bytes") long bytes);

    @SqlUpdate
    void recordArtifact(
            @Bind("taskId") long taskId,
            @Bind("attempt") int attempt,
            @Bind("file") String file,
            @Bind("size") long size,
            @Bind("sha256") String sha256);

    @SqlUpdate
    void markPublished(@Bind("taskId") long taskId);

    /** Keeps why publishing a successful task failed, for the web and the CLI. */
    @SqlUpdate
    void notePublishFailure(@Bind("taskId") long taskId, @Bind("reason") String reason);

    /** The recorded outcome of a finished attempt (to answer a redelivered result idempotently). */
    @SqlQuery
    Optional<String> outcomeOf(@Bind("taskId") long taskId, @Bind("attempt") int attempt);

    /** The live attempts an agent holds, e.g. after it reconnects. */
    /** Every attempt of a task, oldest first (its history, kept for good). */
    @SqlQuery
    @RegisterConstructorMapper(AttemptRow.class)
    List<AttemptRow> attemptsOf(@Bind("taskId") long taskId);

    @SqlQuery
    List<ClaimedTask> openAttempts(@Bind("agent") String agentName);

    /** Successful tasks whose publishing has not completed (re-run after a crash). */
    @SqlQuery
    List<Long> unpublishedSuccesses();
}
