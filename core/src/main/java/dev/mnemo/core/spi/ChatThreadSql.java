package dev.mnemo.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A store's chat threads: the message lists of chat frameworks' conversations, opaque text kept
 * beside the records (see {@link dev.mnemo.core.store.MemoryStore#chatThread}).
 */
public interface ChatThreadSql {
    Optional<String> find(Connection c, String threadId) throws SQLException;

    /** Creates or replaces a thread. */
    void put(Connection c, String threadId, String messages, Instant now) throws SQLException;

    /** False when there was no such thread. */
    boolean delete(Connection c, String threadId) throws SQLException;

    /** Every thread id of the store, in id order. */
    List<String> ids(Connection c) throws SQLException;
}
