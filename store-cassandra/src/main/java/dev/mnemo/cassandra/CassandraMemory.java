package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory of many characters and stories in one Cassandra keyspace: a driver session, the
 * schema, and this process's record id node. {@link #store(String)} gives the store of one name
 * (one partition).
 *
 * <p>Opening connects, creates the keyspace and tables when missing, checks that the keyspace's
 * vectors come from {@code model}, and claims an id node. Thread-safe. Owns the session and its
 * stores and closes them; the embedding model stays the caller's.
 */
public final class CassandraMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraMemory.class);
    /** How long an id node lease lasts without renewal; renewed every third of it. */
    static final Duration LEASE_TTL = Duration.ofHours(1);
    private static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(5);

    private final CassandraConfig config;
    private final EmbeddingModel model;
    private final CqlSession session;
    private final NodeLease lease;
    private final RecordIds ids;
    private final RecordTable table;
    private final ScheduledExecutorService renewer;
    private final Clock clock;
    private final Map<String, CassandraMemoryStore> stores = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private CassandraMemory(CassandraConfig config, EmbeddingModel model, CqlSession session, NodeLease lease,
                            Clock clock) {
        this.config = config;
        this.model = model;
        this.session = session;
        this.lease = lease;
        this.clock = clock;
        this.ids = new RecordIds(clock, lease.node());
        this.table = new RecordTable(session, config.keyspace(), config.writeConsistency());
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mnemo-cassandra-lease-" + config.keyspace());
            t.setDaemon(true);
            return t;
        });
        long every = LEASE_TTL.toSeconds() / 3;
        renewer.scheduleAtFixedRate(this::renewLease, every, every, TimeUnit.SECONDS);
    }

    /**
     * Connects and prepares the keyspace.
     *
     * @throws StorageException when Cassandra cannot be reached within the configured
     *                          timeouts or refuses the schema
     * @throws ModelMismatchException when the keyspace holds vectors of another model or dimension
     */
    public static CassandraMemory open(CassandraConfig config, EmbeddingModel model) {
        return open(config, model, Clock.systemUTC());
    }

    static CassandraMemory open(CassandraConfig config, EmbeddingModel model, Clock clock) {
        CqlSession session = connect(config);
        try {
            Cql.call("creating the schema of keyspace " + config.keyspace(),
                    () -> {
                        CassandraSchema.ensure(session, config, model.name(), model.dimension());
                        return null;
                    });
            NodeLease lease = Cql.call("claiming a record id node",
                    () -> NodeLease.claim(session, config.keyspace(), LEASE_TTL));
            CassandraMemory memory = Cql.call("preparing statements",
                    () -> new CassandraMemory(config, model, session, lease, clock));
            LOG.info("Cassandra memory open: keyspace {}, model {} ({} dims), record id node {}",
                    config.keyspace(), model.name(), model.dimension(), lease.node());
            return memory;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static CqlSession connect(CassandraConfig config) {
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, config.requestTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, config.connectTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, config.connectTimeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, config.connectTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_SET_KEYSPACE_TIMEOUT, config.connectTimeout())
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, config.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, config.readConsistency().name())
                // back within seconds of a node's return, not the driver's default of up to a minute
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECT_MAX_DELAY)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoints(config.contactPoints())
                .withLocalDatacenter(config.localDatacenter())
                .withConfigLoader(loader);
        if (config.username() != null) {
            builder.withAuthCredentials(config.username(), config.password());
        }
        try {
            return builder.build();
        } catch (DriverException e) {
            throw Cql.failed("connecting to Cassandra at " + config.contactPointsText() + " (data center "
                    + config.localDatacenter() + ")", e);
        }
    }

    /**
     * The store of one character or story, created on first use (a store is a partition: nothing
     * is written until the first record).
     */
    public CassandraMemoryStore store(String name) {
        ensureOpen();
        String valid = TextCheck.storeName(name);
        return stores.computeIfAbsent(valid, n -> new CassandraMemoryStore(n, this));
    }

    /** The configuration this memory was opened with. */
    public CassandraConfig config() {
        return config;
    }

    /** The record id node this process holds (0-1023). */
    public int idNode() {
        return lease.node();
    }

    EmbeddingModel model() {
        return model;
    }

    CqlSession session() {
        return session;
    }

    RecordTable table() {
        return table;
    }

    Clock clock() {
        return clock;
    }

    /** The next record id; refuses once this process lost its id node. */
    long nextId() {
        if (!lease.isValid()) {
            throw new StoreClosedException("record id node " + lease.node() + " of keyspace " + config.keyspace()
                    + " (its lease was lost)");
        }
        return ids.next();
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("Cassandra memory of keyspace " + config.keyspace());
        }
    }

    /** Closes every store, frees the id node and closes the session. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stores.values().forEach(CassandraMemoryStore::markClosed);
        renewer.shutdownNow();
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warn("record id node {} not released (it frees itself within {}): {}", lease.node(), LEASE_TTL,
                    e.getMessage());
        } finally {
            session.close();
        }
    }

    private void renewLease() {
        try {
            lease.renew();
        } catch (RuntimeException e) {
            // a missed renewal is retried at the next tick, well before the lease runs out
            LOG.warn("renewing record id node {} failed: {}", lease.node(), e.getMessage());
        }
    }
}
