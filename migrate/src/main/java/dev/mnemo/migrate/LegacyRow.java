package dev.mnemo.migrate;

import dev.mnemo.api.RecordType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row to import from a legacy folder.
 *
 * @param generation       the file set it came from
 * @param position         its place in that file set: the array index in {@code _memory.json}, or
 *                         the FAISS position (which becomes the {@code vector_index} column)
 * @param type             the record type
 * @param text             the text that is (or was) embedded
 * @param userMessage      what the user said, or {@code null} when the file has none
 * @param assistantMessage what the character answered, or {@code null} when the file has none
 * @param timestamp        when it happened, truncated to the microsecond
 * @param vector           the stored FAISS vector (FAISS rows), or {@code null} (JSON rows)
 */
public record LegacyRow(LegacyGeneration generation, int position, RecordType type, String text,
                        String userMessage, String assistantMessage, Instant timestamp, float[] vector) {

    public LegacyRow {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(timestamp, "timestamp");
        if (position < 0) {
            throw new IllegalArgumentException("position " + position + " is negative");
        }
        if ((generation == LegacyGeneration.FAISS) != (vector != null)) {
            throw new IllegalArgumentException("FAISS rows have a vector, JSON rows have none");
        }
        timestamp = timestamp.truncatedTo(ChronoUnit.MICROS);
        vector = vector == null ? null : vector.clone();
    }

    /** A copy of the stored vector, or {@code null} for a JSON row. */
    @Override
    public float[] vector() {
        return vector == null ? null : vector.clone();
    }

    /** Whether the row brings its own vector (no re-embedding needed). */
    public boolean hasVector() {
        return vector != null;
    }

    /** The legacy FAISS position for the {@code vector_index} column; {@code null} for JSON rows. */
    public Long vectorIndex() {
        return generation == LegacyGeneration.FAISS ? Long.valueOf(position) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LegacyRow r && generation == r.generation && position == r.position
                && type.equals(r.type) && text.equals(r.text) && Objects.equals(userMessage, r.userMessage)
                && Objects.equals(assistantMessage, r.assistantMessage) && timestamp.equals(r.timestamp)
                && Arrays.equals(vector, r.vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(generation, position, type, text, timestamp) * 31 + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        // user text stays out of logs
        return "LegacyRow[" + generation + " #" + position + ", type=" + type + ", timestamp=" + timestamp
                + ", textLength=" + text.length() + (vector == null ? "" : ", dim=" + vector.length) + "]";
    }
}
