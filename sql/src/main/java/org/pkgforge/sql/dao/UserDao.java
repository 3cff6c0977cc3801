package org.pkgforge.sql.dao;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pkgforge.sql.row.FarmUser;
import org.pkgforge.sql.row.UserKey;

/** Farm users and their SSH keys. Keys are looked up by their SHA-256 fingerprint. */
@UseClasspathSqlLocator
@RegisterConstructorMapper(FarmUser.class)
@RegisterConstructorMapper(UserKey.class)
public interface UserDao {
    @SqlUpdate
    @GetGeneratedKeys("id")
    int addUser(@Bind("name") String name, @Bind("admin") boolean admin);

    @SqlQuery
    Optional<FarmUser> findUser(@Bind("name") String name);

    @SqlQuery
    List<FarmUser> listUsers();

    /** Grants or revokes the admin flag; false when there is no such user. */
    @SqlUpdate
    boolean setAdmin(@Bind("name") String name, @Bind("admin") boolean admin);

    @SqlUpdate
    @GetGeneratedKeys("id")
    int addKey(
            @Bind("userId") int userId,
            @Bind("algorithm") String algorithm,
            @Bind("publicKey") String publicKey,
            @Bind("fingerprint") String fingerprint,
            @Bind("comment") String comment);

    @SqlQuery
    List<UserKey> keysOf(@Bind("userId") int userId);

    @SqlUpdate
    boolean revokeKey(@Bind("userId") int userId, @Bind("fingerprint") String fingerprint);

    @SqlQuery
    boolean isAuthorized(@Bind("name") String name, @Bind("fingerprint") String fingerprint);
}
