package dev.mnemo.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * A memory about to be stored: what {@code add} takes. The store validates the text (not blank,
 * within its configured limit) and assigns id, creation times and the vector.
 *
 * @param type             the record type
 * @param text             the text that is embedded and searched
 * @param userMessage      for conversations, what the user said; otherwise {@code null}
 * @param assistantMessage for conversations, what the character answered; otherwise {@code null}
 * @param timestamp        when it happened, kept to the microsecond; {@code null} means "now"
 * @param metadata         tags to filter on, validated by {@link Metadata#copyOf}; {@code null} means none.
 *                         The store also applies its configured limits on entries and bytes
 */
public record MemoryDraft(RecordType type, String text, String userMessage, String assistantMessage,
                          Instant timestamp, Map<String, Object> metadata) {

    public MemoryDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        if (timestamp != null) {
            timestamp = TimeBounds.check("timestamp", timestamp).truncatedTo(ChronoUnit.MICROS);
        }
        metadata = Metadata.copyOf(metadata);
    }

    /** A draft without metadata (the form before metadata existed). */
    public MemoryDraft(RecordType type, String text, String userMessage, String assistantMessage, Instant timestamp) {
        this(type, text, userMessage, assistantMessage, timestamp, Map.of());
    }

    /**
     * A conversation turn. Its text is the legacy form {@code "用户: <user>\n助手: <assistant>"}, so
     * that stores migrated from the Python tool and new ones embed the same thing.
     */
    public static MemoryDraft conversation(String user, String assistant, Instant timestamp) {
        Objects.requireNonNull(user, "user message");
        Objects.requireNonNull(assistant, "assistant message");
        return new MemoryDraft(RecordType.CONVERSATION, conversationText(user, assistant), user, assistant, timestamp);
    }

    /** A record of any other type: a note, a summary, an event. */
    public static MemoryDraft of(RecordType type, String text, Instant timestamp) {
        return new MemoryDraft(type, text, null, null, timestamp);
    }

    /** The legacy text of a conversation turn. */
    public static String conversationText(String user, String assistant) {
        return "用户: " + user + "\n助手: " + assistant;
    }

    /** The same draft with the given timestamp. */
    public MemoryDraft withTimestamp(Instant newTimestamp) {
        return new MemoryDraft(type, text, userMessage, assistantMessage, newTimestamp, metadata);
    }

    /** The same draft with the given metadata (replacing any it had). */
    public MemoryDraft withMetadata(Map<String, ?> newMetadata) {
        return new MemoryDraft(type, text, userMessage, assistantMessage, timestamp, Metadata.copyOf(newMetadata));
    }
}
