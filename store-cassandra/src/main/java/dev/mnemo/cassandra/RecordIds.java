package dev.mnemo.cassandra;

import java.time.Clock;
import java.time.Instant;

/**
 * Time-ordered record ids made without asking the cluster: 41 bits of milliseconds since
 * {@link #EPOCH}, 10 bits of node (an id this process holds a lease on, see {@link NodeLease}) and a
 * 12-bit sequence within the millisecond. Ids of one generator strictly increase, even when the
 * clock steps back (it then counts on from the last millisecond used); two generators with
 * different nodes never make the same id. Positive until 2094.
 *
 * <p>Thread-safe.
 */
final class RecordIds {
    /** 2025-01-01T00:00:00Z: the zero of the time bits. */
    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    static final int MAX_NODE = (1 << NODE_BITS) - 1;
    private static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final int node;
    private long lastMillis = -1;
    private int sequence;

    RecordIds(Clock clock, int node) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("node " + node + " outside 0.." + MAX_NODE);
        }
        this.clock = clock;
        this.node = node;
    }

    /** The next id. */
    synchronized long next() {
        long millis = Math.max(clock.millis() - EPOCH.toEpochMilli(), lastMillis);
        if (millis == lastMillis) {
            if (sequence == MAX_SEQUENCE) {
                // 4096 ids in one millisecond: borrow the next one rather than wait
                millis++;
                sequence = 0;
            } else {
                sequence++;
            }
        } else {
            sequence = 0;
        }
        lastMillis = millis;
        return millis << (NODE_BITS + SEQUENCE_BITS) | (long) node << SEQUENCE_BITS | sequence;
    }

    int node() {
        return node;
    }

    /** The node bits of an id. */
    static int nodeOf(long id) {
        return (int) (id >>> SEQUENCE_BITS) & MAX_NODE;
    }
}
