package dev.mnemo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.Metadata;
import dev.mnemo.api.RecordType;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Lines format of {@code import} and {@code export}: one object per line with
 * {@code user} + {@code assistant} (a conversation) or {@code text}, optional {@code type}
 * (default {@code conversation}, or {@code note} for a plain text), optional {@code timestamp}
 * (ISO-8601 or {@code yyyy-MM-dd HH:mm:ss[.SSSSSS]} UTC; default: the time of import), and
 * optional {@code metadata} (an object of strings, integers (longs), decimals (doubles) and
 * booleans), and optional {@code vector} with the {@code embedding_model} it came from. Export adds {@code id},
 * {@code created_at} and {@code updated_at}, which import ignores.
 */
final class JsonLines {
    private JsonLines() {
    }

    /** One parsed line: the draft and, when the line carries one, its vector and model. */
    record Entry(MemoryDraft draft, float[] vector, String embeddingModel) {
        /** True when the vector can be stored as is in a store of this model. */
        boolean vectorUsableFor(String model, int dimension) {
            return vector != null && model.equals(embeddingModel) && vector.length == dimension;
        }
    }

    /**
     * Parses one line.
     *
     * @throws InvalidInputException saying what is wrong (never quoting the text itself)
     */
    static Entry parse(String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("expected a JSON object");
        }
        String user = string(node, "user");
        String assistant = string(node, "assistant");
        String text = string(node, "text");
        String typeName = string(node, "type");
        String ts = string(node, "timestamp");
        Instant timestamp = ts == null ? null : TimeArgs.parse("timestamp", ts);
        MemoryDraft draft;
        if (user != null || assistant != null) {
            if (user == null || assistant == null) {
                throw new InvalidInputException("a conversation needs both 'user' and 'assistant'");
            }
            RecordType type = typeName == null ? RecordType.CONVERSATION : RecordType.of(typeName);
            draft = new MemoryDraft(type, MemoryDraft.conversationText(user, assistant), user, assistant, timestamp);
        } else if (text != null) {
            draft = MemoryDraft.of(RecordType.of(typeName == null ? AddCommand.DEFAULT_TEXT_TYPE : typeName), text, timestamp);
        } else {
            throw new InvalidInputException("needs 'user' and 'assistant', or 'text'");
        }
        if (draft.text().isBlank()) {
            throw new InvalidInputException("text is blank");
        }
        return new Entry(draft.withMetadata(metadata(node)), vector(node), string(node, "embedding_model"));
    }

    /** One line for a record; {@code vector} and {@code model} may be null. */
    static String format(MemoryRecord r, float[] vector, String model) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("type", r.type().name());
        o.put("timestamp", r.timestamp().toString());
        if (r.userMessage() != null && r.assistantMessage() != null) {
            o.put("user", r.userMessage());
            o.put("assistant", r.assistantMessage());
        }
        o.put("text", r.text());
        o.put("created_at", r.createdAt().toString());
        o.put("updated_at", r.updatedAt().toString());
        if (!r.metadata().isEmpty()) {
            o.set("metadata", Json.MAPPER.valueToTree(r.metadata()));
        }
        if (vector != null) {
            o.put("embedding_model", model);
            ArrayNode a = o.putArray("vector");
            for (float f : vector) {
                a.add(f);
            }
        }
        return Json.write(o);
    }

    private static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("'" + field + "' must be a string");
        }
        return v.asText();
    }

    /** The 'metadata' object: strings, integers as longs, decimals as doubles, booleans. */
    private static Map<String, Object> metadata(JsonNode node) {
        JsonNode m = node.get("metadata");
        if (m == null || m.isNull()) {
            return Map.of();
        }
        if (!m.isObject()) {
            throw new InvalidInputException("'metadata' must be an object");
        }
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            JsonNode v = e.getValue();
            Object value;
            if (v.isTextual()) {
                value = v.asText();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                value = v.asLong();
            } else if (v.isFloatingPointNumber()) {
                value = v.asDouble();
            } else {
                throw new InvalidInputException("metadata key " + Metadata.quote(e.getKey())
                        + " must be a string, a 64-bit integer, a decimal or a boolean");
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static float[] vector(JsonNode node) {
        JsonNode v = node.get("vector");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidInputException("'vector' must be an array of numbers");
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new InvalidInputException("'vector' must be an array of numbers");
            }
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }
}
