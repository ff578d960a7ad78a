package dev.mnemo.cassandra;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import java.util.Map;

/**
 * How much metadata a record may carry: at most {@link CassandraConfig#maxMetadataEntries()} keys
 * and {@link CassandraConfig#maxMetadataBytes()} bytes as {@link Metadata#bytes(Map)} counts them,
 * the same limits and keys as the SQLite store. Keys and value types were checked when the draft
 * was built.
 */
final class MetadataLimits {
    private MetadataLimits() {
    }

    static void check(Map<String, Object> metadata, CassandraConfig config) {
        if (metadata.size() > config.maxMetadataEntries()) {
            String over = metadata.keySet().stream().skip(config.maxMetadataEntries()).findFirst().orElseThrow();
            throw new InvalidInputException("metadata has " + metadata.size() + " entries, more than the limit of "
                    + config.maxMetadataEntries() + " (" + CassandraConfig.MAX_METADATA_ENTRIES_KEY + "), at key "
                    + Metadata.quote(over));
        }
        long total = 0;
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            total += e.getKey().length() + Metadata.bytes(e.getValue());
            if (total > config.maxMetadataBytes()) {
                throw new InvalidInputException("metadata is larger than the limit of " + config.maxMetadataBytes()
                        + " bytes (" + CassandraConfig.MAX_METADATA_BYTES_KEY + ") at key " + Metadata.quote(e.getKey()));
            }
        }
    }
}
