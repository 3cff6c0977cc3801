package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.WebhookDelivery;
import org.pkgforge.sql.row.WebhookDue;

/** End-of-job webhooks: which ended jobs are due a POST, and how each attempt went. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(WebhookDue.class)
@RegisterConstructorMapper(WebhookDelivery.class)
public interface WebhookDao {
    /** Ended jobs never sent, or whose retry is due, oldest first. */
    @SqlQuery
    List<WebhookDue> due(@Bind("limit") int limit);

    /** {@code outcome}: delivered, retrying (again after {@code retryAfterSeconds}) or failed. */
    @SqlUpdate
    void record(
            @Bind("jobId") long jobId,
            @Bind("outcome") String outcome,
            @Bind("attempts") int attempts,
            @Bind("retryAfterSeconds") double retryAfterSeconds,
            @Bind("httpStatus") Integer httpStatus,
            @Bind("detail") String detail);

    @SqlQuery
    Optional<WebhookDelivery> find(@Bind("jobId") long jobId);
}
