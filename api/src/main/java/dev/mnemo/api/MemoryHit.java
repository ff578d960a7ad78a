package dev.mnemo.api;

/**
 * One search result.
 *
 * @param record     the stored record
 * @param similarity cosine similarity between query and record vector, in [-1, 1]
 * @param recency    {@code 0.5^(age / halfLife)}, in (0, 1]; 1 for a record from now or the future
 * @param score      the ranking score: {@code (1 - w) * similarity + w * recency}, w = the request's recency weight
 */
public record MemoryHit(MemoryRecord record, double similarity, double recency, double score) {
}
