package dev.mnemo.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored memory: one row of the legacy {@code memory_record} table, column for column, with
 * its metadata (kept beside it, in {@code record_metadata}).
 *
 * @param id               the record id; also the id of its vector in the index
 * @param characterName    the character (or story) the store belongs to
 * @param text             the embedded text
 * @param userMessage      user part of a conversation, else {@code null}
 * @param assistantMessage character part of a conversation, else {@code null}
 * @param timestamp        when it happened (microsecond precision)
 * @param type             the record type
 * @param vectorIndex      the legacy FAISS position for migrated rows, else {@code null}
 * @param similarityScore  legacy column, kept for compatibility; {@code null} unless set by a legacy import
 * @param createdAt        when the row was written
 * @param updatedAt        when the row was last changed
 * @param metadata         the record's metadata, sorted by key; empty when it has none
 */
public record MemoryRecord(long id, String characterName, String text, String userMessage,
                           String assistantMessage, Instant timestamp, RecordType type, Long vectorIndex,
                           Double similarityScore, Instant createdAt, Instant updatedAt, Map<String, Object> metadata) {
    public MemoryRecord {
        Objects.requireNonNull(characterName, "characterName");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        metadata = Metadata.copyOf(metadata);
    }

    /** A record without metadata (the form before metadata existed). */
    public MemoryRecord(long id, String characterName, String text, String userMessage, String assistantMessage,
                        Instant timestamp, RecordType type, Long vectorIndex, Double similarityScore, Instant createdAt,
                        Instant updatedAt) {
        this(id, characterName, text, userMessage, assistantMessage, timestamp, type, vectorIndex, similarityScore,
                createdAt, updatedAt, Map.of());
    }

    /** The same record with the given metadata. */
    public MemoryRecord withMetadata(Map<String, ?> newMetadata) {
        return new MemoryRecord(id, characterName, text, userMessage, assistantMessage, timestamp, type, vectorIndex,
                similarityScore, createdAt, updatedAt, Metadata.copyOf(newMetadata));
    }

    @Override
    public String toString() {
        // user text stays out of logs by default; ask for text() explicitly
        return "MemoryRecord[id=" + id + ", character=" + characterName + ", type=" + type
                + ", timestamp=" + timestamp + ", textLength=" + text.length() + ", metadataKeys=" + metadata.keySet() + "]";
    }
}
