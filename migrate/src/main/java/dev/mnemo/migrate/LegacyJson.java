package dev.mnemo.migrate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reading the legacy JSON files: the top-level array and the typed fields of its entries. Every
 * problem becomes a {@link CorruptFileException} naming the file and the entry. Thread-safe.
 */
final class LegacyJson {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final LegacyTimestamps timestamps;

    LegacyJson(LegacyTimestamps timestamps) {
        this.timestamps = timestamps;
    }

    /** The file's top-level array. */
    JsonNode readArray(Path file) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new CorruptFileException(file, "not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        } catch (IOException e) {
            throw StorageException.of("cannot read " + file, e);
        }
        if (root == null || !root.isArray()) {
            throw new CorruptFileException(file, "expected a JSON array, found "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        return root;
    }

    /** Entry {@code index} of the array, which must be an object. */
    static JsonNode entry(Path file, JsonNode array, int index) {
        JsonNode entry = array.get(index);
        if (!entry.isObject()) {
            throw new CorruptFileException(file, "entry " + index + " is not a JSON object");
        }
        return entry;
    }

    /** A string field; {@code null} when absent or JSON null and not required. */
    static String string(Path file, JsonNode entry, int index, String field, boolean required) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new CorruptFileException(file, "entry " + index + " has no '" + field + "'");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new CorruptFileException(file, "entry " + index + ": '" + field + "' is "
                    + value.getNodeType().toString().toLowerCase() + ", expected a string");
        }
        return value.textValue();
    }

    /** The optional {@code type} field; absent or blank means conversation. */
    static RecordType type(Path file, JsonNode entry, int index) {
        String name = string(file, entry, index, "type", false);
        try {
            return RecordType.of(name);
        } catch (InvalidInputException e) {
            throw new CorruptFileException(file, "entry " + index + ": " + e.getMessage(), e);
        }
    }

    /** The required {@code timestamp} field: a date-time string or a number of epoch seconds. */
    Instant timestamp(Path file, JsonNode entry, int index) {
        JsonNode value = entry.get("timestamp");
        try {
            if (value == null || value.isNull()) {
                throw new CorruptFileException(file, "entry " + index + " has no 'timestamp'");
            }
            if (value.isNumber()) {
                return LegacyTimestamps.fromEpochSeconds(value.doubleValue());
            }
            if (value.isTextual()) {
                return timestamps.parse(value.textValue());
            }
            throw new CorruptFileException(file, "entry " + index + ": 'timestamp' is "
                    + value.getNodeType().toString().toLowerCase() + ", expected a string or a number");
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, "entry " + index + ": " + e.getMessage(), e);
        }
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
