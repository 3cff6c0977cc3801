package org.pkgforge.webapp.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The web side's own read-only queries, one {@code .sql} file per method under
 * {@code org/pkgforge/webapp/store/WebQueries/}. They run as {@code pkgforge_web}, which can only
 * SELECT, so nothing here may write.
 */
@UseClasspathSqlLocator
public interface WebQueries {

    @SqlQuery
    @RegisterConstructorMapper(JobHeader.class)
    Optional<JobHeader> jobByUuid(@Bind("uuid") String uuid);

    @SqlQuery
    @RegisterConstructorMapper(JobPackage.class)
    List<JobPackage> packagesOfJob(@Bind("jobId") long jobId);

    @SqlQuery
    @RegisterConstructorMapper(JobTask.class)
    List<JobTask> tasksOfJob(@Bind("jobId") long jobId);

    /** Products of each task's newest attempt; older attempts' files were superseded. */
    @SqlQuery
    @RegisterConstructorMapper(TaskArtifact.class)
    List<TaskArtifact> artifactsOfJob(@Bind("jobId") long jobId);

    @SqlQuery
    @RegisterConstructorMapper(SkippedTarget.class)
    List<SkippedTarget> skippedTargetsOfJob(@Bind("jobId") long jobId);

    @SqlQuery
    @RegisterConstructorMapper(JobTask.class)
    Optional<JobTask> taskOfJob(@Bind("jobId") long jobId, @Bind("target") String target);

    @SqlQuery
    @RegisterConstructorMapper(TaskAttempt.class)
    List<TaskAttempt> attemptsOfTask(@Bind("taskId") long taskId);

    @SqlQuery
    @RegisterConstructorMapper(TaskArtifact.class)
    List<TaskArtifact> artifactsOfTask(@Bind("taskId") long taskId);

    /** Empty when there is no such task; false once its log can no longer grow. */
    @SqlQuery
    Optional<Boolean> taskLogLive(@Bind("uuid") String uuid, @Bind("target") String target);

    @SqlQuery
    int ping();
}
