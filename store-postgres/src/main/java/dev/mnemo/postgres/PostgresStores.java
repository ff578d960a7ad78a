package dev.mnemo.postgres;

import dev.mnemo.api.StorageException;
import dev.mnemo.core.spi.StoreAddress;
import dev.mnemo.core.spi.StoreCluster;
import dev.mnemo.core.spi.StoreDatabase;
import dev.mnemo.core.spi.TextAnalysis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Every store of a service in one PostgreSQL schema, behind one DBCP2 pool. Connecting applies the
 * schema migrations (safe when instances start together, see {@link PgSchema}); opening a store
 * finds or creates its row in {@code mnemo_store}.
 */
final class PostgresStores implements StoreCluster {
    private final PostgresSettings settings;
    private final BasicDataSource pool;
    private final ChangeListener listener;
    private final TextAnalysis analysis = new TextAnalysis();

    PostgresStores(PostgresSettings settings) {
        this.settings = settings;
        this.pool = new BasicDataSource();
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setUrl(settings.url());
        if (settings.user() != null) {
            pool.setUsername(settings.user());
        }
        if (settings.password() != null) {
            pool.setPassword(settings.password());
        }
        pool.addConnectionProperty("ApplicationName", "mnemo");
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofSeconds(30));
        pool.setDefaultAutoCommit(true);
        pool.setRollbackOnReturn(true);
        // a server connection can break (restart, failover, idle timeout): check it before use
        pool.setTestOnBorrow(true);
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(64);
        // the name is checked by PostgresSettings (lower-case identifier characters only)
        pool.setConnectionInitSqls(List.of("SET search_path TO " + settings.schema()));
        this.listener = new ChangeListener(settings);
        try (Connection c = pool.getConnection()) {
            PgSchema.migrate(c, settings.schema());
        } catch (SQLException e) {
            StorageException failure = new StorageException("preparing " + settings.location(), e.getSQLState(), e);
            closeQuietly(failure);
            throw failure;
        }
    }

    @Override
    public String kind() {
        return PostgresStoreProvider.KIND;
    }

    @Override
    public StoreDatabase open(StoreAddress address) {
        long storeId;
        try (Connection c = pool.getConnection()) {
            storeId = storeId(c, address);
        } catch (SQLException e) {
            throw new StorageException("opening store " + address.name() + " in " + settings.location(),
                    e.getSQLState(), e);
        }
        return new PostgresStore(pool, settings, storeId, address, analysis, listener);
    }

    /** The store's id, its row created on first use (safe when two instances create it at once). */
    private static long storeId(Connection c, StoreAddress address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mnemo_store (store_group, kind, name)"
                + " VALUES (?, ?, ?) ON CONFLICT (store_group, name) DO NOTHING")) {
            ps.setString(1, address.group());
            ps.setString(2, address.kind());
            ps.setString(3, address.name());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM mnemo_store WHERE store_group = ? AND name = ?")) {
            ps.setString(1, address.group());
            ps.setString(2, address.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<String> names(String group) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT name FROM mnemo_store WHERE store_group = ? ORDER BY name COLLATE \"C\"")) {
            ps.setString(1, group);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("listing stores in " + settings.location(), e.getSQLState(), e);
        }
    }

    @Override
    public void close() {
        listener.close();
        analysis.close();
        try {
            pool.close();
        } catch (SQLException e) {
            throw new StorageException("closing the pool of " + settings.location(), e.getSQLState(), e);
        }
    }

    private void closeQuietly(Exception primary) {
        try {
            pool.close();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }
}
