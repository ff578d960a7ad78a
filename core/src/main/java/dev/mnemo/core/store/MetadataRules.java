package dev.mnemo.core.store;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.Metadata;
import dev.mnemo.core.config.MnemoConfig;
import java.util.Map;

/**
 * How much metadata a record may carry: at most {@code mnemo.metadata.max-entries} keys and
 * {@code mnemo.metadata.max-bytes} bytes as {@link Metadata#bytes(Map)} counts them. Keys and
 * value types are checked by {@link Metadata} when the draft is built.
 */
final class MetadataRules {
    private final int maxEntries;
    private final int maxBytes;

    MetadataRules(int maxEntries, int maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    void check(MemoryDraft draft) {
        Map<String, Object> metadata = draft.metadata();
        if (metadata.size() > maxEntries) {
            // name the first key beyond the limit, so the message points somewhere
            String over = metadata.keySet().stream().skip(maxEntries).findFirst().orElseThrow();
            throw new InvalidInputException("metadata has " + metadata.size() + " entries, more than the limit of "
                    + maxEntries + " (" + MnemoConfig.METADATA_MAX_ENTRIES + "), at key " + Metadata.quote(over));
        }
        long total = 0;
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            total += e.getKey().length() + Metadata.bytes(e.getValue());
            if (total > maxBytes) {
                throw new InvalidInputException("metadata is larger than the limit of " + maxBytes + " bytes ("
                        + MnemoConfig.METADATA_MAX_BYTES + ") at key " + Metadata.quote(e.getKey()));
            }
        }
    }
}
