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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node that cannot be reached fails fast with a clear error, and a node killed in the middle of
 * an ingest has every acknowledged record when it is back.
 */
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
    void aFrozenNodeFailsCallsWithinTheRequestTimeout(CassandraNode node) throws Exception {
        CassandraConfig config = StoreFixture.config(node, StoreFixture.KEYSPACE).requestTimeout(TIMEOUT).build();
        try (CassandraMemory memory = CassandraMemory.open(config, StoreFixture.MODEL)) {
            CassandraMemoryStore store = memory.store(StoreFixture.freshName("frozen"));
            MemoryRecord before = store.add(MemoryDraft.of(RecordType.CONVERSATION, "before the freeze", null));
            node.freeze();
            try {
                // the port still accepts connections: only the request timeout can end these calls
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.CONVERSATION, "while frozen", null)))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("adding 1 record(s) to '" + store.name() + "' failed");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
                long t1 = System.nanoTime();
                assertThatThrownBy(() -> store.get(before.id()))
                        .isInstanceOf(StorageException.class).hasMessageContaining("reading record " + before.id());
                assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(BOUND);
            } finally {
                node.thaw();
            }
            // back to normal without reopening (the driver may have marked the node down meanwhile)
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    assertThat(store.get(before.id())).contains(before);
                    break;
                } catch (StorageException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    @Test
    void aNodeKilledMidIngestFailsCallsClearlyAndKeepsEveryAcknowledgedRecord(CassandraNode node) throws Exception {
        CassandraConfig config = StoreFixture.config(node, StoreFixture.KEYSPACE).requestTimeout(TIMEOUT).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (CassandraMemory memory = CassandraMemory.open(config, StoreFixture.MODEL)) {
            CassandraMemoryStore store = memory.store(StoreFixture.freshName("restart"));
            Ingest ingest = new Ingest(store);
            Future<?> writer = pool.submit(ingest);
            ingest.awaitAcknowledged(30);
            node.crash();
            try {
                ingest.awaitFailures(3);
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> store.search("before", SearchRequest.defaults()))
                        .isInstanceOf(StorageException.class).hasMessageContaining("searching failed");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
            } finally {
                node.start();
            }
            // the writer goes on by itself once the driver has reconnected
            int beforeRestart = ingest.acknowledged().size();
            ingest.awaitAcknowledged(beforeRestart + 30);
            ingest.stop();
            writer.get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertThat(ingest.failures()).allSatisfy(e -> assertThat(e).isInstanceOf(StorageException.class)
                    .hasMessageContaining("adding 1 record(s) to '" + store.name() + "' failed"));
            assertThat(ingest.slowestFailure()).isLessThan(BOUND);
            List<MemoryRecord> acknowledged = ingest.acknowledged();
            for (MemoryRecord r : acknowledged) {
                assertThat(store.get(r.id())).contains(r);
            }
            // a failed call may still have been applied (a timeout after the write), never more than those
            assertThat(store.stats().totalRecords()).isBetween((long) acknowledged.size(),
                    (long) acknowledged.size() + ingest.failures().size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Adds records one by one until stopped, noting what was acknowledged and what failed. */
    private static final class Ingest implements Runnable {
        private final CassandraMemoryStore store;
        private final List<MemoryRecord> acknowledged = new ArrayList<>();
        private final List<StorageException> failures = new ArrayList<>();
        private Duration slowestFailure = Duration.ZERO;
        private volatile boolean stopped;

        Ingest(CassandraMemoryStore store) {
            this.store = store;
        }

        @Override
        public void run() {
            for (int i = 0; !stopped && !Thread.currentThread().isInterrupted(); i++) {
                long t0 = System.nanoTime();
                try {
                    MemoryRecord r = store.add(MemoryDraft.of(RecordType.CONVERSATION, "ingested record " + i, null));
                    synchronized (this) {
                        acknowledged.add(r);
                    }
                } catch (StorageException e) {
                    synchronized (this) {
                        failures.add(e);
                        slowestFailure = max(slowestFailure, Duration.ofNanos(System.nanoTime() - t0));
                    }
                    pause();
                }
            }
        }

        void stop() {
            stopped = true;
        }

        synchronized List<MemoryRecord> acknowledged() {
            return List.copyOf(acknowledged);
        }

        synchronized List<StorageException> failures() {
            return List.copyOf(failures);
        }

        synchronized Duration slowestFailure() {
            return slowestFailure;
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            await(() -> acknowledged().size() >= count, "acknowledged records: " + count);
        }

        void awaitFailures(int count) throws InterruptedException {
            await(() -> failures().size() >= count, "failed adds: " + count);
        }

        private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
            // a restarted node replays its commit log and the driver reconnects: a bounded while
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                Thread.sleep(100);
            }
        }

        private static void pause() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
