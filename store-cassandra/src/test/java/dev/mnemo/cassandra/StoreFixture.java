package dev.mnemo.cassandra;

import dev.mnemo.cassandra.node.CassandraNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Configurations for stores on the shared test node; every store name of a run is fresh. */
final class StoreFixture {
    /** The keyspace most tests share (each new keyspace costs seconds of schema changes). */
    static final String KEYSPACE = "mnemo_test";
    /** The model of {@link #KEYSPACE}. */
    static final WordHashModel MODEL = new WordHashModel("test-words", 64);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private StoreFixture() {
    }

    static CassandraConfig.Builder config(CassandraNode node, String keyspace) {
        return CassandraConfig.builder()
                .contactPoint("127.0.0.1", node.nativePort())
                .localDatacenter(CassandraNode.DATACENTER)
                .keyspace(keyspace)
                // the shared node is slow while it compacts and builds SAI segments on 2 busy cores
                .requestTimeout(Duration.ofSeconds(30));
    }

    /** A store name no other test of this run uses (partitions keep tests apart). */
    static String freshName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }
}
