package dev.mnemo.cli;

import dev.mnemo.api.HitExplanation;
import dev.mnemo.api.MemoryHit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The score breakdown shown by {@code search --explain} (the formula documented on SearchRequest). */
final class Scores {
    static final String FORMULA = "score = (1 - w) * relevance + w * recency, recency = 0.5^(age / half_life)";
    static final String RELEVANCE = "relevance = similarity in vector mode, else fused / (legs / (rrf_k + 1)),"
            + " fused = sum over legs of 1 / (rrf_k + rank)";

    private Scores() {
    }

    static Map<String, Object> explain(MemoryHit h, double weight, Duration halfLife, int rrfK) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("similarity", h.similarity());
        m.put("relevance", h.explanation().relevance());
        m.put("recency", h.recency());
        m.put("recency_weight", weight);
        m.put("recency_half_life_days", days(halfLife));
        m.put("rrf_k", rrfK);
        m.put("formula", FORMULA + "; " + RELEVANCE);
        m.put("computed", line(h, weight));
        return m;
    }

    /** The legs' ranks and scores of a hit, as JSON fields (null where a leg did not return it). */
    static Map<String, Object> legs(HitExplanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", e.mode().label());
        m.put("vector_rank", e.vectorRank() == 0 ? null : e.vectorRank());
        m.put("keyword_rank", e.keywordRank() == 0 ? null : e.keywordRank());
        m.put("bm25", e.keywordRank() == 0 ? null : e.bm25());
        m.put("fused_score", e.fusedScore());
        m.put("relevance", e.relevance());
        if (e.note() != null) {
            m.put("note", e.note());
        }
        return m;
    }

    /** A half-life in days (fractional when configured so). */
    static double days(Duration d) {
        return d.toMillis() / 86_400_000.0;
    }

    /** {@code (1 - 0.10) * 0.8123 + 0.10 * 0.5000 = 0.7811}. */
    static String line(MemoryHit h, double weight) {
        return String.format(Locale.ROOT, "(1 - %.2f) * %.4f + %.2f * %.4f = %.4f",
                weight, h.explanation().relevance(), weight, h.recency(), h.score());
    }

    /** {@code vector #3 (similarity 0.8123), keyword #1 (bm25 4.2100), fused 0.0323, relevance 0.9839}. */
    static String legsLine(MemoryHit h) {
        HitExplanation e = h.explanation();
        String vector = e.vectorRank() == 0 ? "vector -" : "vector #" + e.vectorRank();
        String keyword = e.keywordRank() == 0 ? "keyword -"
                : String.format(Locale.ROOT, "keyword #%d (bm25 %.4f)", e.keywordRank(), e.bm25());
        return String.format(Locale.ROOT, "%s %s (similarity %.4f), %s, fused %.4f, relevance %.4f", e.mode().label(),
                vector, h.similarity(), keyword, e.fusedScore(), e.relevance());
    }
}
