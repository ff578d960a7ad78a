package dev.mnemo.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The check that a filter compares each key with values of the kind the store holds under it:
 * comparing a string with a number (or a boolean with either) is an error, never an empty result.
 * One SAI probe per key and other kind ({@code metadata_terms CONTAINS 'key:kind' LIMIT 1}), all
 * in parallel, inside the store's partition.
 */
final class StoredKinds {
    private StoredKinds() {
    }

    /**
     * @throws InvalidInputException naming the key when the store holds a value of another kind under it
     */
    static void check(CqlSession session, String table, String store, Map<String, Metadata.Kind> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        String cql = "SELECT id FROM " + table + " WHERE store = ? AND metadata_terms CONTAINS ? LIMIT 1";
        List<Probe> probes = new ArrayList<>();
        kinds.forEach((key, kind) -> {
            for (Metadata.Kind other : Metadata.Kind.values()) {
                if (other != kind) {
                    probes.add(new Probe(key, kind, other, session.prepareAsync(cql)
                            .thenCompose(ps -> session.executeAsync(ps.bind(store, MetadataColumns.kindTerm(key, other))))
                            .thenApply(rs -> rs.currentPage().iterator().hasNext())
                            .toCompletableFuture()));
                }
            }
        });
        for (Probe p : probes) {
            if (p.found()) {
                throw new InvalidInputException("metadata filter compares key " + Metadata.quote(p.key) + " with "
                        + p.kind.label() + ", but records store " + plural(p.stored) + " under it");
            }
        }
    }

    /** The kind in the plural, as the SQLite store says it: "records store numbers under it". */
    static String plural(Metadata.Kind kind) {
        return switch (kind) {
            case STRING -> "strings";
            case NUMBER -> "numbers";
            case BOOLEAN -> "booleans";
        };
    }

    private record Probe(String key, Metadata.Kind kind, Metadata.Kind stored, CompletableFuture<Boolean> result) {
        boolean found() {
            try {
                return result.join();
            } catch (CompletionException e) {
                throw Cql.failed("checking the kinds of metadata key " + Metadata.quote(key), e.getCause());
            }
        }
    }
}
