package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The {@link StoreContract} on the SQLite store kind, plus what only its one-file-per-store layout
 * has: store files in the data directory, single-file backup and restore, SQLite's locking.
 */
public abstract class MemoryStoreContract extends StoreContract {

    @Test
    void statisticsNameTheStoreFile() {
        store.addConversation("hi", "hello", T0);
        MemoryStats stats = store.stats();
        assertThat(stats.databasePath()).isEqualTo(dataDir.toAbsolutePath().resolve("memory/Kafka/Kafka_memory.db"));
        assertThat(stats.databaseSizeBytes()).isPositive();
    }

    @Test
    void backupAndRestoreRoundTrip() throws Exception {
        MemoryRecord a = store.add(MemoryDraft.of(RecordType.of("note"), "before the backup", T0));
        Path backup = dataDir.resolve("backups/kafka.db");
        store.backup(backup);
        assertThat(backup).isRegularFile();
        store.add(MemoryDraft.of(RecordType.of("note"), "after the backup", T0));
        store.delete(a.id());
        store.restore(backup);
        assertThat(store.stats().totalRecords()).isEqualTo(1);
        assertThat(store.search("before the backup", SearchRequest.builder().k(5).build()))
                .extracting(h -> h.record().text()).containsExactly("before the backup");
        assertThat(store.verify().consistent()).isTrue();
        reopen();
        assertThat(store.get(a.id())).isPresent();
        assertThat(Files.list(dataDir.resolve("backups")).count()).isEqualTo(1); // no temp file left
    }

    @Test
    void storesOfCharactersAndStoriesAreSeparateFiles() {
        store.add(MemoryDraft.of(RecordType.of("note"), "kafka's memory", T0));
        MemoryStore story = service.story("story_demo");
        story.add(MemoryDraft.of(RecordType.of("event"), "the story begins", T0));
        MemoryStore chinese = service.character("银狼");
        chinese.addConversation("你好", "你好呀", T0);
        assertThat(dataDir.resolve("saves/story_demo/story_demo_memory.db")).isRegularFile();
        assertThat(dataDir.resolve("memory/银狼/银狼_memory.db")).isRegularFile();
        assertThat(service.characters()).containsExactly("Kafka", "银狼");
        assertThat(service.stories()).containsExactly("story_demo");
        assertThat(story.search("the story begins", SearchRequest.defaults())).hasSize(1);
        assertThat(chinese.search("你好", SearchRequest.defaults())).hasSize(1);
    }

    @Test
    void keywordLegStaysInStepThroughDeleteUpdatePruneRestoreAndReindex() throws Exception {
        Instant now = Instant.now();
        SearchRequest keyword = SearchRequest.builder().k(50).mode(SearchMode.KEYWORD).build();
        MemoryRecord apples = store.add(MemoryDraft.of(RecordType.of("note"), "apples in the orchard", now));
        MemoryRecord pears = store.add(MemoryDraft.of(RecordType.of("note"), "pears in the orchard", now));
        MemoryRecord old = store.add(MemoryDraft.of(RecordType.of("note"), "an ancient orchard", now.minus(Duration.ofDays(90))));
        assertThat(ids(store.search("orchard", keyword))).containsExactlyInAnyOrder(apples.id(), pears.id(), old.id());

        store.delete(pears.id());
        store.update(apples.id(), MemoryDraft.of(RecordType.of("note"), "plums by the river", null));
        assertThat(ids(store.search("orchard", keyword))).containsExactly(old.id());
        assertThat(ids(store.search("plums", keyword))).containsExactly(apples.id());
        assertThat(store.verify().keywordDifferences()).isEmpty();

        Path backup = dataDir.resolve("backups/kafka.db");
        store.backup(backup);
        assertThat(store.deleteOlderThan(30)).isEqualTo(1);
        assertThat(store.search("ancient", keyword)).isEmpty();
        assertThat(store.verify().consistent()).isTrue();

        store.restore(backup);
        assertThat(ids(store.search("ancient", keyword))).containsExactly(old.id());
        assertThat(store.verify().consistent()).isTrue();

        store.rebuildIndex();
        VerifyReport report = store.verify();
        assertThat(report.keywordDifferences()).isEmpty();
        assertThat(report.keywordRows()).isEqualTo(2);
        assertThat(ids(store.search("plums river", keyword))).containsExactly(apples.id());
        reopen();
        assertThat(ids(store.search("ancient orchard", keyword))).containsExactly(old.id());
    }

    @Test
    void verifyNamesRecordsWhoseKeywordRowDiffersAndReindexRepairsThem() throws Exception {
        MemoryRecord a = store.add(MemoryDraft.of(RecordType.of("note"), "first keyword record", T0));
        MemoryRecord b = store.add(MemoryDraft.of(RecordType.of("note"), "second keyword record", T0));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.databasePath());
             var s = c.createStatement()) {
            s.execute("DELETE FROM memory_fts WHERE rowid = " + a.id());
            s.execute("DELETE FROM memory_fts WHERE rowid = " + b.id());
            s.execute("INSERT INTO memory_fts (rowid, terms) VALUES (" + b.id() + ", 'other words')");
            s.execute("INSERT INTO memory_fts (rowid, terms) VALUES (999, 'orphan')");
        }
        VerifyReport report = store.verify();
        assertThat(report.consistent()).isFalse();
        assertThat(report.keywordDifferences()).containsExactly(a.id(), b.id(), 999L);
        store.rebuildIndex();
        assertThat(store.verify().consistent()).isTrue();
        assertThat(ids(store.search("first", SearchRequest.builder().mode(SearchMode.KEYWORD).build())))
                .containsExactly(a.id());
    }

    @Test
    void aSearchWritesNothingWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
        store.add(MemoryDraft.of(RecordType.of("note"), "a memory to find", T0));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store.databasePath());
             var s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // another writer holds SQLite's write lock
            for (SearchMode mode : SearchMode.values()) {
                // a new query each time: its cache entry is queued, never written on the read path
                assertThat(store.search("a memory to find " + mode, SearchRequest.builder().mode(mode).build()))
                        .hasSize(1);
            }
            s.execute("ROLLBACK");
        }
        long misses = model.textsEmbedded();
        store.search("a memory to find HYBRID", SearchRequest.defaults());
        assertThat(model.textsEmbedded()).as("answered from the queued entry").isEqualTo(misses);
        // three distinct queries ("... HYBRID" twice); the stored record's text is not cached
        assertThat(store.stats().cacheEntries()).isEqualTo(3);
    }
}
