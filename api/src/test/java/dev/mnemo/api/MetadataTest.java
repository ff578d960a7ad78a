package dev.mnemo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {
    @Test
    void copiesAreSortedImmutableAndNormalised() {
        Map<String, Object> given = new HashMap<>();
        given.put("z.last", (short) 7);
        given.put("a-first", 1.25f);
        given.put("M_mid", "text");
        Map<String, Object> copy = Metadata.copyOf(given);

        assertThat(copy).containsExactly(Map.entry("M_mid", "text"), Map.entry("a-first", 1.25), Map.entry("z.last", 7L));
        assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Metadata.copyOf(null)).isEmpty();
        assertThat(Metadata.bytes(Map.of("ab", "héllo", "n", 1L))).isEqualTo(2 + 6 + 1 + 8);
    }

    @Test
    void draftsAndRecordsWithoutMetadataKeepTheirOldConstructors() {
        MemoryDraft draft = new MemoryDraft(RecordType.CONVERSATION, "t", "u", "a", null);
        MemoryRecord record = new MemoryRecord(1, "c", "t", null, null, Instant.EPOCH, RecordType.CONVERSATION, null,
                null, Instant.EPOCH, Instant.EPOCH);

        assertThat(draft.metadata()).isEmpty();
        assertThat(record.metadata()).isEmpty();
        assertThat(draft.withMetadata(Map.of("k", 1)).withTimestamp(Instant.EPOCH).metadata()).isEqualTo(Map.of("k", 1L));
    }

    @Test
    void keysOutsideTheAlphabetAreRefusedAndNamed() {
        assertThatThrownBy(() -> Metadata.copyOf(Map.of("naïve", 1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'naïve'").hasMessageContaining("[A-Za-z0-9_.-]");
        assertThatThrownBy(() -> Metadata.copyOf(Map.of("ok", new Object()))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'ok'").hasMessageContaining("Object");
    }
}
