package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.Host;

/** Build hosts (agents with the 'ssh' launcher) and the secrets of the agents running on them. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Host.class)
public interface HostDao {
    /** Adds a host, enabled and offline; returns its agent id. Fails if the name is taken. */
    @SqlQuery
    int add(
            @Bind("name") String name,
            @Bind("slots") int slots,
            @Bind("user") String user,
            @Bind("host") String host,
            @Bind("port") int port,
            @Bind("hostKey") String hostKey,
            @Bind("workDir") String workDir,
            @Bind("javaCommand") String javaCommand);

    @SqlQuery
    List<Host> list();

    @SqlQuery
    Optional<Host> find(@Bind("name") String name);

    @SqlUpdate
    boolean setEnabled(@Bind("name") String name, @Bind("enabled") boolean enabled);

    /**
     * Tasks at once. The controller obeys it for new claims at once; tasks running keep running
     * (see HostSupervisor for how the agent itself catches up).
     */
    @SqlUpdate
    boolean setSlots(@Bind("name") String name, @Bind("slots") int slots);

    /** Re-pins the host key (an admin's decision after a legitimate key change). */
    @SqlUpdate
    boolean pinHostKey(@Bind("name") String name, @Bind("hostKey") String hostKey);

    @SqlUpdate
    boolean remove(@Bind("name") String name);

    /** State as the controller sees it, with a precise reason when it is not online. */
    @SqlUpdate
    void setState(
            @Bind("name") String name,
            @Bind("state") String state,
            @Bind("reason") String reason,
            @Bind("offeredHostKey") String offeredHostKey);

    /**
     * Progress while (re)connecting. Never overrides 'online': the agent may have reconnected by
     * itself before the supervisor got this far.
     */
    @SqlUpdate
    void noteConnecting(@Bind("name") String name, @Bind("reason") String reason);

    @SqlUpdate
    void setForwardPort(@Bind("name") String name, @Bind("port") int port);

    /** Replaces the running agent's session key hash (a new agent process was welcomed). */
    @SqlUpdate
    void setSessionKey(@Bind("name") String name, @Bind("sha256") String sha256);

    @SqlQuery
    Optional<String> sessionKey(@Bind("name") String name);

    @SqlUpdate
    void forgetSessionKey(@Bind("name") String name);

    /** Requeues the agent's open attempts as infrastructure failures; returns how many. */
    @SqlQuery
    int requeueAttemptsOf(@Bind("name") String name, @Bind("reason") String reason);
}
