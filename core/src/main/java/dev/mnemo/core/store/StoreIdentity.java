package dev.mnemo.core.store;

import dev.mnemo.core.db.StoreMeta;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Ties an index file to the database it was built from. Each store gets a random id on first
 * open; the index checkpoint carries a 19-bit tag of it above the 44-bit change sequence (keeping
 * the checkpoint positive, since -1 means "never saved"), so a
 * well-formed index file of another store (same backend, dimension and metric) put in place of
 * this one is recognised and rebuilt instead of being replayed onto.
 */
final class StoreIdentity {
    private static final int SEQ_BITS = 44;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;
    private static final int TAG_MASK = (1 << 19) - 1;

    private StoreIdentity() {
    }

    /** This store's tag, creating its id on first use (inside the caller's write transaction). */
    static int tag(Connection c) throws SQLException {
        String id = StoreMeta.get(c, StoreMeta.STORE_ID).orElse(null);
        if (id == null) {
            id = UUID.randomUUID().toString();
            StoreMeta.put(c, StoreMeta.STORE_ID, id);
        }
        // never 0, so a checkpoint written without a tag (0 in the high bits) never matches
        return 1 + Math.floorMod(id.hashCode(), TAG_MASK);
    }

    static long checkpoint(int tag, long seq) {
        if (seq < 0 || seq > SEQ_MASK) {
            throw new IllegalStateException("change sequence " + seq + " out of range");
        }
        return ((long) tag << SEQ_BITS) | seq;
    }

    static int tagOf(long checkpoint) {
        return (int) (checkpoint >>> SEQ_BITS);
    }

    static long seqOf(long checkpoint) {
        return checkpoint & SEQ_MASK;
    }
}
