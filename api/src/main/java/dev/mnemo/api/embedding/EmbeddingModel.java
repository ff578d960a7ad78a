package dev.mnemo.api.embedding;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns text into vectors. Thread-safe: one instance serves every store and thread of an
 * application. The caller that obtained it from a provider owns it and closes it.
 */
public interface EmbeddingModel extends AutoCloseable {

    /**
     * A stable identifier of the model and its version, recorded in every store the model writes
     * to (e.g. {@code siliconflow:BAAI/bge-m3}, {@code onnx:all-minilm-l6-v2-q}).
     */
    String name();

    /** Length of every vector this model returns. */
    int dimension();

    /**
     * Embeds texts in one call (implementations batch as their backend allows).
     *
     * @param texts non-blank texts
     * @return one vector per text, in the same order, each of {@link #dimension()} finite components
     * @throws EmbeddingException when the model fails; nothing partial is returned
     */
    List<float[]> embed(List<String> texts);

    /**
     * The writing systems the model was trained to read, such as {@code LATIN} for an English model;
     * empty (the default) means any. A hybrid search whose query is written in another script
     * ranks by the keyword leg alone, since such a model's vector for it carries no meaning.
     */
    default Set<Character.UnicodeScript> scripts() {
        return Set.of();
    }

    /**
     * Embeds search queries. The default embeds them as {@link #embed(List)} embeds stored texts;
     * a model trained with distinct forms for the two (e5's {@code query: } and {@code passage: })
     * overrides this and {@link #embedsQueriesDifferently()}.
     *
     * @param queries non-blank texts
     * @return one vector per query, in order, as {@link #embed(List)} returns them
     */
    default List<float[]> embedQueries(List<String> queries) {
        return embed(queries);
    }

    /**
     * Whether {@link #embedQueries} differs from {@link #embed(List)}: when true, a store never
     * answers a query from a stored text's vector, or a stored text from a query's.
     */
    default boolean embedsQueriesDifferently() {
        return false;
    }

    /** Embeds one text. */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    /**
     * Live counters and states for monitoring, e.g. {@code requests}, {@code retries},
     * {@code breaker_state} (0 closed, 1 open, 2 half-open) for a remote model. Keys are stable for
     * a given model; values only grow for counters. Thread-safe and cheap; empty by default.
     */
    default Map<String, Number> telemetry() {
        return Map.of();
    }

    /** Releases sessions, threads or connections. Idempotent. */
    @Override
    default void close() {
    }
}
