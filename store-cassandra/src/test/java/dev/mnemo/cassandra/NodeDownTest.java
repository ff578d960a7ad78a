package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StorageException;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node that cannot be reached fails fast with a clear error, and a restarted node has every acknowledged record. */
@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class NodeDownTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** The bound a failing call must stay within: the configured timeout plus slack for a loaded machine. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(12);

    @Test
    void openingAgainstAClosedPortFailsWithinTheTimeout() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CassandraConfig config = CassandraConfig.builder().contactPoint("127.0.0.1", closedPort)
                .connectTimeout(TIMEOUT).requestTimeout(TIMEOUT).build();
        WordHashModel model = new WordHashModel("test-words", 8);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> CassandraMemory.open(config, model))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("connecting to Cassandra at 127.0.0.1:" + closedPort + " (data center datacenter1) failed");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
    }

    @Test
    void aStoppedNodeFailsCallsClearlyAndARestartKeepsEveryAcknowledgedRecord(CassandraNode node) throws Exception {
        CassandraConfig config = StoreFixture.config(node, StoreFixture.KEYSPACE).requestTimeout(TIMEOUT).build();
        try (CassandraMemory memory = CassandraMemory.open(config, StoreFixture.MODEL)) {
            CassandraMemoryStore store = memory.store(StoreFixture.freshName("restart"));
            List<MemoryRecord> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(store.add(MemoryDraft.of(RecordType.CONVERSATION, "before the restart " + i, null)));
            }
            node.stop();
            try {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.CONVERSATION, "while down", null)))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("adding 1 record(s) to '" + store.name() + "' failed");
                assertThatThrownBy(() -> store.search("before", SearchRequest.defaults()))
                        .isInstanceOf(StorageException.class).hasMessageContaining("searching failed");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND.multipliedBy(2));
            } finally {
                node.start();
            }
            // the driver reconnects by itself; give it a bounded while to notice the node is back
            awaitReconnect(store);
            for (MemoryRecord r : acknowledged) {
                assertThat(store.get(r.id())).contains(r);
            }
            assertThat(store.stats().totalRecords()).isEqualTo(acknowledged.size());
        }
    }

    private static void awaitReconnect(CassandraMemoryStore store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                store.stats();
                return;
            } catch (StorageException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
