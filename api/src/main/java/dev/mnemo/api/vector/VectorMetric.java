package dev.mnemo.api.vector;

import dev.mnemo.api.InvalidInputException;
import java.util.Locale;

/**
 * How an index compares vectors. Every metric reports a score where higher means more similar
 * (see {@link Neighbor#score()}).
 */
public enum VectorMetric {
    /** Cosine similarity; the index normalises vectors itself. Score in [-1, 1]. */
    COSINE,
    /** Raw inner product. */
    DOT_PRODUCT,
    /** Euclidean distance, reported as {@code 1 / (1 + squaredDistance)} so that higher is closer. */
    EUCLIDEAN;

    /** Parses {@code cosine}, {@code dot_product}/{@code dot}, {@code euclidean}/{@code l2}, case-insensitively. */
    public static VectorMetric parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "cosine" -> COSINE;
            case "dot", "dot_product", "dot-product", "ip", "inner_product" -> DOT_PRODUCT;
            case "euclidean", "l2" -> EUCLIDEAN;
            default -> throw new InvalidInputException(
                    "unknown metric '" + name + "'; known: cosine, dot_product, euclidean");
        };
    }
}
