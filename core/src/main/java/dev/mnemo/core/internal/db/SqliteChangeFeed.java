package dev.mnemo.core.internal.db;

import dev.mnemo.core.spi.ChangeFeed;
import dev.mnemo.core.spi.VectorChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQLite change feed: {@link ChangeLog}'s trigger-written {@code vector_change} rows. A
 * position is a sequence number; SQLite has one writer at a time, so sequence order is commit order.
 */
final class SqliteChangeFeed implements ChangeFeed {
    /** Changes kept after a save so that other processes behind us can still replay. */
    private static final long LOG_RETENTION = 100_000;

    @Override
    public long position(Connection c) throws SQLException {
        return ChangeLog.lastSeq(c);
    }

    @Override
    public boolean canReplay(Connection c, long from, long to) throws SQLException {
        long first = ChangeLog.firstSeq(c);
        return to >= from && first != 0 && first <= from + 1;
    }

    @Override
    public void replay(Connection c, long from, long to, int batch, Consumer<List<VectorChange>> sink)
            throws SQLException {
        long applied = from;
        while (applied < to) {
            List<ChangeLog.Change> changes = ChangeLog.since(c, applied, batch);
            if (changes.isEmpty()) {
                break;
            }
            List<VectorChange> out = new ArrayList<>(changes.size());
            for (ChangeLog.Change change : changes) {
                out.add(new VectorChange(change.recordId(), change.added(), change.vector()));
            }
            sink.accept(out);
            applied = changes.get(changes.size() - 1).seq();
        }
    }

    @Override
    public void trim(Connection c, long savedPosition) throws SQLException {
        if (savedPosition > LOG_RETENTION) {
            ChangeLog.truncate(c, savedPosition - LOG_RETENTION);
        }
    }
}
