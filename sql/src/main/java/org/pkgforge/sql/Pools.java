package org.pkgforge.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools, sized for a farm controller: few connections, short transactions. */
public final class Pools {
    private Pools() {}

    public static HikariDataSource open(DatabaseCredentials credentials, String poolName, int maxSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(credentials.jdbcUrl());
        config.setUsername(credentials.user());
        config.setPassword(credentials.password());
        config.setPoolName(poolName);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }
}
