package dev.mnemo.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads generation 1, {@code <name>_memory.json}: an array of {@code {user, assistant, timestamp,
 * type?}}. A conversation's text is {@code "用户: <user>\n助手: <assistant>"}; any other type's text
 * is the assistant part alone. Both messages are kept as the file has them.
 */
final class MemoryJsonReader {
    private final LegacyJson json;

    MemoryJsonReader(LegacyJson json) {
        this.json = json;
    }

    List<LegacyRow> read(Path file) {
        JsonNode array = json.readArray(file);
        List<LegacyRow> rows = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = LegacyJson.entry(file, array, i);
            RecordType type = LegacyJson.type(file, entry, i);
            String assistant = LegacyJson.string(file, entry, i, "assistant", true);
            String user = LegacyJson.string(file, entry, i, "user", type.isConversation());
            Instant timestamp = json.timestamp(file, entry, i);
            String text = type.isConversation() ? MemoryDraft.conversationText(user, assistant) : assistant;
            rows.add(new LegacyRow(LegacyGeneration.JSON, i, type, text, user, assistant, timestamp, null));
        }
        return rows;
    }
}
