package dev.mnemo.spring.ai;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.Metadata;
import dev.mnemo.api.RecordType;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;

/**
 * How a Spring AI {@link Document} is kept as a Mnemo record, and read back.
 *
 * <p><b>Ids.</b> Documents have string ids (UUIDs by default); Mnemo records have long ids that
 * the store assigns. A document's id is kept in the record's metadata under the reserved key
 * {@value #DOCUMENT_ID_KEY}, and every lookup by document id is a metadata filter on that key.
 * The key never appears in a returned document's metadata, and a document that brings its own
 * value for it is refused.
 *
 * <p><b>Metadata.</b> Values become Mnemo metadata values: strings, integers and longs (as longs),
 * floats and doubles (as doubles), booleans; an enum is stored as its name, a {@link Date} or
 * {@link Instant} as its ISO-8601 string. Keys are 1-64 characters of {@code [A-Za-z0-9_.-]}.
 * Anything else (lists, maps, other objects, other keys) is an {@link InvalidInputException}
 * naming the key, and nothing of the batch is written. Read back, integers come back as
 * {@link Long}, and the metadata gains {@code distance} ({@code 1 - score}),
 * as in Spring AI's own stores.
 *
 * <p><b>Text.</b> The document's text is the record's text (so it is embedded by the store's
 * model and searched by both legs); the record's type is the vector store's record type and its
 * timestamp the time it was added.
 */
final class DocumentMapping {
    /** The metadata key that holds a record's document id. */
    static final String DOCUMENT_ID_KEY = "spring_ai_document_id";

    private DocumentMapping() {
    }

    /** The draft that stores a document as a record of this type. */
    static MemoryDraft draft(Document document, RecordType type) {
        if (document.getText() == null) {
            throw new InvalidInputException("document " + document.getId() + " has no text; only text documents are stored");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        document.getMetadata().forEach((key, value) -> {
            if (DOCUMENT_ID_KEY.equals(key)) {
                throw new InvalidInputException("metadata key '" + DOCUMENT_ID_KEY + "' is reserved for the document id"
                        + " (document " + document.getId() + ")");
            }
            metadata.put(Metadata.checkKey(key), Metadata.value(key, storable(value)));
        });
        metadata.put(DOCUMENT_ID_KEY, document.getId());
        return MemoryDraft.of(type, document.getText(), null).withMetadata(metadata);
    }

    /** The document a search hit stands for, scored by its cosine similarity. */
    static Document document(MemoryHit hit) {
        Map<String, Object> metadata = new LinkedHashMap<>(hit.record().metadata());
        Object id = metadata.remove(DOCUMENT_ID_KEY);
        metadata.put(DocumentMetadata.DISTANCE.value(), 1.0 - hit.similarity());
        return Document.builder()
                .id(id == null ? String.valueOf(hit.record().id()) : id.toString())
                .text(hit.record().text())
                .metadata(metadata)
                .score(hit.similarity())
                .build();
    }

    private static Object storable(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value;
    }
}
