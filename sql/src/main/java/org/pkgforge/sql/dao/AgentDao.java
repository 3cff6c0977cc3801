package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@UseClasspathSqlLocator
public interface AgentDao {
    /** Creates or updates the agent row; returns its id. */
    @SqlQuery
    int upsert(@Bind("name") String name, @Bind("slots") int slots);

    /** True when any agent (local or build host) has this name. */
    @SqlQuery
    boolean exists(@Bind("name") String name);

    /** Tasks the registry gives the agent at once (an admin may change it while the agent runs). */
    @SqlQuery
    Optional<Integer> slots(@Bind("name") String name);

    @SqlUpdate
    void clearPlatforms(@Bind("agentId") int agentId);

    @SqlUpdate
    void addPlatform(@Bind("agentId") int agentId, @Bind("platformId") int platformId);

    @SqlUpdate
    void setState(
            @Bind("name") String name,
            @Bind("state") String state,
            @Bind("reason") String reason,
            @Bind("version") String version);

    /** Names of the agents able to build a platform (to wake them when work for it appears). */
    @SqlQuery
    List<String> servingPlatform(@Bind("platformId") int platformId);
}
