package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.StorageException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's claim on one of the 1,024 id nodes, held in the {@code id_node} table through a
 * lightweight transaction (Paxos) with a time to live, and renewed well before it runs out. Claiming
 * is the only coordinated step: once a process holds node N, every id it makes carries N, so no
 * other live process can make the same id. A process that dies releases its node when the TTL
 * ends; {@link #release()} frees it at once.
 *
 * <p>Thread-safe.
 */
final class NodeLease {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

    private final CqlSession session;
    private final String keyspace;
    private final Duration ttl;
    private final UUID owner;
    private final int node;
    private volatile boolean valid = true;

    private NodeLease(CqlSession session, String keyspace, Duration ttl, UUID owner, int node) {
        this.session = session;
        this.keyspace = keyspace;
        this.ttl = ttl;
        this.owner = owner;
        this.node = node;
    }

    /** Claims a free node, starting from a random one so that concurrent claimers rarely contend. */
    static NodeLease claim(CqlSession session, String keyspace, Duration ttl) {
        UUID owner = UUID.randomUUID();
        int start = ThreadLocalRandom.current().nextInt(RecordIds.MAX_NODE + 1);
        for (int i = 0; i <= RecordIds.MAX_NODE; i++) {
            int node = (start + i) & RecordIds.MAX_NODE;
            ResultSet rs = session.execute(SimpleStatement.newInstance(
                    "INSERT INTO " + keyspace + ".id_node (node, owner) VALUES (?, ?) IF NOT EXISTS USING TTL ?",
                    node, owner, (int) ttl.toSeconds()));
            if (rs.wasApplied()) {
                return new NodeLease(session, keyspace, ttl, owner, node);
            }
        }
        throw new StorageException("claiming a record id node in " + keyspace + ".id_node", null,
                new IllegalStateException("all " + (RecordIds.MAX_NODE + 1) + " nodes are held by live processes"));
    }

    int node() {
        return node;
    }

    /** False once a renewal found the node taken by another process; ids must then stop. */
    boolean isValid() {
        return valid;
    }

    /** Extends the lease by its TTL; marks it invalid when another process holds the node now. */
    void renew() {
        ResultSet rs = session.execute(SimpleStatement.newInstance(
                "UPDATE " + keyspace + ".id_node USING TTL ? SET owner = ? WHERE node = ? IF owner = ?",
                (int) ttl.toSeconds(), owner, node, owner));
        if (!rs.wasApplied()) {
            valid = false;
            LOG.error("record id node {} of keyspace {} was lost (lease expired and taken); writes stop", node, keyspace);
        }
    }

    /** Frees the node for other processes. */
    void release() {
        valid = false;
        session.execute(SimpleStatement.newInstance(
                "DELETE FROM " + keyspace + ".id_node WHERE node = ? IF owner = ?", node, owner));
    }
}
