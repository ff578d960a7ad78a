package dev.mnemo.core.spi;

/**
 * One match of the keyword leg.
 *
 * @param id   record id
 * @param bm25 the match's BM25-like score, larger is better
 */
public record KeywordMatch(long id, double bm25) {
}
