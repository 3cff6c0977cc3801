package org.pkgforge.sql.dao;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.WebSessionUser;

/**
 * One-time web login tokens and web sessions, both keyed by the SHA-256 (hex) of the token; the
 * tokens themselves are never stored. Times are the database's clock.
 */
@UseClasspathSqlLocator
public interface WebSessionDao {
    /** Returns false when there is no such user. */
    @SqlUpdate
    boolean addLogin(
            @Bind("tokenSha256") String tokenSha256, @Bind("user") String user, @Bind("ttlSeconds") long ttlSeconds);

    /** Spends a live, unused login token; returns its user's name. */
    @SqlQuery
    Optional<String> spendLogin(@Bind("tokenSha256") String tokenSha256);

    /** {@code origin}: 'ssh' or 'proxy'. Returns false when there is no such user. */
    @SqlUpdate
    boolean addSession(
            @Bind("tokenSha256") String tokenSha256,
            @Bind("user") String user,
            @Bind("ttlSeconds") long ttlSeconds,
            @Bind("origin") String origin);

    @SqlQuery
    @RegisterConstructorMapper(WebSessionUser.class)
    Optional<WebSessionUser> findSession(@Bind("tokenSha256") String tokenSha256);

    @SqlUpdate
    void endSession(@Bind("tokenSha256") String tokenSha256);

    @SqlUpdate
    void purgeExpired();
}
