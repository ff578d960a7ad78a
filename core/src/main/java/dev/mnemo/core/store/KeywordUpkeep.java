package dev.mnemo.core.store;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.core.internal.db.Database;
import dev.mnemo.core.internal.db.KeywordTable;
import dev.mnemo.core.internal.db.RecordRepository;
import dev.mnemo.core.internal.db.StoreMeta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whole-store work on the keyword leg: filling it for records written before it existed (schema
 * migration 4 leaves a marker, since analysis runs in Java), rebuilding it, and checking it
 * against the records. Everyday writes keep it in step by themselves ({@link RecordRepository}).
 *
 * <p>The fill runs in pages, one write transaction each, and records the last id it analysed in
 * the marker: an interrupted fill resumes where it stopped when the store is next opened.
 */
final class KeywordUpkeep {
    private static final int PAGE = 500;

    private final Database database;
    private final RecordRepository records;
    private final String task;

    KeywordUpkeep(Database database, RecordRepository records, String storeName) {
        this.database = database;
        this.records = records;
        this.task = "keyword index " + storeName;
    }

    /** True while records remain that the keyword leg has not seen (searches still run; they miss those). */
    boolean pending() {
        return database.read("checking the keyword index", c -> StoreMeta.get(c, StoreMeta.KEYWORD_BACKFILLED_TO))
                .isPresent();
    }

    /** Fills the keyword leg from the marker on, if a marker is there; returns the records analysed. */
    long fillIfPending(ProgressListener progress) {
        Optional<String> marker = database.read("checking the keyword index",
                c -> StoreMeta.get(c, StoreMeta.KEYWORD_BACKFILLED_TO));
        if (marker.isEmpty()) {
            return 0;
        }
        long start = Long.parseLong(marker.get());
        long total = database.read("counting records to analyse", c -> countAfter(c, start));
        long after = start;
        long done = 0;
        progress.update(task, 0, total);
        while (true) {
            long from = after;
            List<MemoryRecord> page = database.read("reading records to analyse", c -> records.page(c, from, PAGE));
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            long to = after;
            database.write("analysing " + page.size() + " record(s) for the keyword index", c -> {
                for (MemoryRecord r : page) {
                    records.keywords().put(c, r.id(), r.text());
                }
                StoreMeta.put(c, StoreMeta.KEYWORD_BACKFILLED_TO, Long.toString(to));
                return null;
            });
            done += page.size();
            progress.update(task, done, Math.max(total, done));
        }
        database.write("finishing the keyword index", c -> {
            StoreMeta.remove(c, StoreMeta.KEYWORD_BACKFILLED_TO);
            return null;
        });
        return done;
    }

    /** Empties the keyword leg and fills it again from every record. */
    long rebuild(ProgressListener progress) {
        database.write("clearing the keyword index", c -> {
            records.keywords().clear(c);
            StoreMeta.put(c, StoreMeta.KEYWORD_BACKFILLED_TO, "0");
            return null;
        });
        return fillIfPending(progress);
    }

    /**
     * Ids whose keyword row differs from what their text analyses to: missing, extra, or other
     * terms. A record whose text has no terms has no row, and that is not a difference.
     *
     * @return the keyword rows checked and the differing ids, sorted
     */
    Check check() {
        KeywordTable table = records.keywords();
        return database.read("checking the keyword index", c -> {
            Map<Long, String> stored = new HashMap<>(table.storedDocuments(c));
            long rows = stored.size();
            List<Long> differing = new ArrayList<>();
            long after = 0;
            while (true) {
                List<MemoryRecord> page = records.page(c, after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (MemoryRecord r : page) {
                    String expected = table.analyzer().document(r.text());
                    String actual = stored.remove(r.id());
                    if (!expected.equals(actual == null ? "" : actual)) {
                        differing.add(r.id());
                    }
                }
                after = page.get(page.size() - 1).id();
            }
            differing.addAll(stored.keySet()); // rows of records that no longer exist
            return new Check(rows, differing.stream().mapToLong(Long::longValue).sorted().toArray());
        });
    }

    /** What {@link #check} found. */
    record Check(long rows, long[] differingIds) {
    }

    private static long countAfter(Connection c, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM memory_record WHERE id > ?")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getLong(1);
            }
        }
    }
}
