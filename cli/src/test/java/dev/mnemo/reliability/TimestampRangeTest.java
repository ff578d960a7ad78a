package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps the database text form cannot hold must be refused with an {@link InvalidInputException},
 * never stored as another time nor failing with a {@code java.time} exception.
 *
 * <p>Regression test for a fixed bug: {@code Timestamps.format} (core, db/Timestamps.java, lines 16 and 22)
 * formats with pattern {@code yyyy}, which is the year <em>of era</em>: year 0 is written as
 * 0001, year -5064 as 5065, so the record reads back 1 to thousands of years off, silently.
 * Instants beyond {@code LocalDateTime}'s range ({@link Instant#MIN}, {@link Instant#MAX}) make
 * {@code LocalDateTime.ofInstant} throw {@code java.time.DateTimeException} out of {@code add},
 * {@code update} and {@code search} (a {@code from}/{@code until} filter). Nothing checks the
 * range: {@code MemoryStore.add}/{@code update} (TextRules checks text only) and
 * {@code SearchRequest} accept any instant. Suggested fix: refuse timestamps outside years
 * 1-9999 in the store (as the legacy importer already does) with InvalidInputException, clamp
 * or refuse {@code from}/{@code until} likewise, and format with {@code uuuu}.
 */
@Tag("reliability")
class TimestampRangeTest {
    @TempDir
    Path dataDir;
    private MemoryService service;
    private MemoryStore store;

    @BeforeEach
    void open() {
        service = TestStores.service(dataDir, "exact");
        store = service.character("time");
    }

    @AfterEach
    void close() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
            "-0001-01-26T00:00:00Z", "0000-06-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void aTimestampOutsideYears1To9999IsRefusedOrKeptExactly(String text) {
        Instant ts = Instant.parse(text);
        Throwable failure = catchThrowable(() -> {
            MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), "a memory from " + text, ts));
            assertThat(store.get(r.id()).orElseThrow().timestamp()).isEqualTo(ts);
        });
        if (failure != null) {
            assertThat(failure).isInstanceOf(InvalidInputException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"})
    void aSearchFilterAtTheEdgeOfTimeIsRefusedOrWorks(String text) {
        store.add(MemoryDraft.of(RecordType.of("note"), "an ordinary memory", null));
        Instant edge = Instant.parse(text);
        SearchRequest request = edge.isBefore(Instant.EPOCH) ? SearchRequest.builder().from(edge).build()
                : SearchRequest.builder().until(edge).build();
        Throwable failure = catchThrowable(() -> assertThat(store.search("ordinary memory", request)).hasSize(1));
        if (failure != null) {
            assertThat(failure).isInstanceOf(InvalidInputException.class);
        }
    }
}
