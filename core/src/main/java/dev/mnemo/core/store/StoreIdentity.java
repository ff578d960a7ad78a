package dev.mnemo.core.store;

import dev.mnemo.core.internal.db.StoreMeta;
import dev.mnemo.core.spi.MetaSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Ties an index file to the database it was built from. Each store gets a random id on first
 * open, kept in the database; the index file header carries it (in its
 * {@link dev.mnemo.api.vector.IndexCheckpoint}), so a well-formed index file of another store
 * (same backend, dimension and metric) put in place of this one is recognised and rebuilt instead
 * of being replayed onto.
 */
final class StoreIdentity {
    private StoreIdentity() {
    }

    /** This store's id, created on first use (inside the caller's write transaction). */
    static String id(MetaSql meta, Connection c) throws SQLException {
        String id = meta.get(c, StoreMeta.STORE_ID).orElse(null);
        if (id == null) {
            id = UUID.randomUUID().toString();
            meta.put(c, StoreMeta.STORE_ID, id);
        }
        return id;
    }
}
