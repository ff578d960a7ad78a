package dev.mnemo.core.store;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.core.internal.db.StoreMeta;
import dev.mnemo.core.spi.KeywordSql;
import dev.mnemo.core.spi.StoreDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whole-store work on the keyword leg: filling it for records written before it existed (schema
 * migration 4 leaves a marker, since analysis runs in Java), rebuilding it, and checking it
 * against the records. Everyday writes keep it in step by themselves (the kind's {@code RecordSql}).
 *
 * <p>The fill runs in pages, one write transaction each, and records the last id it analysed in
 * the marker: an interrupted fill resumes where it stopped when the store is next opened.
 */
final class KeywordUpkeep {
    private static final int PAGE = 500;

    private final StoreDatabase database;
    private final String task;

    KeywordUpkeep(StoreDatabase database, String storeName) {
        this.database = database;
        this.task = "keyword index " + storeName;
    }

    /** True while records remain that the keyword leg has not seen (searches still run; they miss those). */
    boolean pending() {
        return database.read("checking the keyword index", c -> database.meta().get(c, StoreMeta.KEYWORD_BACKFILLED_TO))
                .isPresent();
    }

    /** Fills the keyword leg from the marker on, if a marker is there; returns the records analysed. */
    long fillIfPending(ProgressListener progress) {
        Optional<String> marker = database.read("checking the keyword index",
                c -> database.meta().get(c, StoreMeta.KEYWORD_BACKFILLED_TO));
        if (marker.isEmpty()) {
            return 0;
        }
        long start = Long.parseLong(marker.get());
        long total = database.read("counting records to analyse", c -> database.records().countAfter(c, start));
        long after = start;
        long done = 0;
        progress.update(task, 0, total);
        while (true) {
            long from = after;
            List<MemoryRecord> page = database.read("reading records to analyse", c -> database.records().page(c, from, PAGE));
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            long to = after;
            database.write("analysing " + page.size() + " record(s) for the keyword index", c -> {
                for (MemoryRecord r : page) {
                    database.keywords().put(c, r.id(), r.text());
                }
                database.meta().put(c, StoreMeta.KEYWORD_BACKFILLED_TO, Long.toString(to));
                return null;
            });
            done += page.size();
            progress.update(task, done, Math.max(total, done));
        }
        database.write("finishing the keyword index", c -> {
            database.meta().remove(c, StoreMeta.KEYWORD_BACKFILLED_TO);
            return null;
        });
        return done;
    }

    /** Empties the keyword leg and fills it again from every record. */
    long rebuild(ProgressListener progress) {
        database.write("clearing the keyword index", c -> {
            database.keywords().clear(c);
            database.meta().put(c, StoreMeta.KEYWORD_BACKFILLED_TO, "0");
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
        KeywordSql table = database.keywords();
        return database.read("checking the keyword index", c -> {
            Map<Long, String> stored = new HashMap<>(table.storedDocuments(c));
            long rows = stored.size();
            List<Long> differing = new ArrayList<>();
            long after = 0;
            while (true) {
                List<MemoryRecord> page = database.records().page(c, after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (MemoryRecord r : page) {
                    String expected = table.analysis().document(r.text());
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
}
