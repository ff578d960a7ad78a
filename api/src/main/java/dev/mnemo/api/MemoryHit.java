package dev.mnemo.api;

import java.util.Objects;

/**
 * One search result.
 *
 * @param record      the stored record
 * @param similarity  cosine similarity between query and record vector, in [-1, 1] (computed from the
 *                    stored vector when only the keyword leg found the record)
 * @param recency     {@code 0.5^(age / halfLife)}, in (0, 1]; 1 for a record from now or the future
 * @param score       the ranking score: {@code (1 - w) * relevance + w * recency}, w = the request's recency
 *                    weight, relevance = similarity in vector mode and the normalised fused score otherwise
 * @param explanation the ranks and scores of each leg that produced this hit
 */
public record MemoryHit(MemoryRecord record, double similarity, double recency, double score,
                        HitExplanation explanation) {

    public MemoryHit {
        Objects.requireNonNull(explanation, "explanation");
    }

    /** A vector-only hit (the shape before hybrid search), explained as rank 0 of the vector leg. */
    public MemoryHit(MemoryRecord record, double similarity, double recency, double score) {
        this(record, similarity, recency, score, HitExplanation.vector(0, similarity));
    }
}
