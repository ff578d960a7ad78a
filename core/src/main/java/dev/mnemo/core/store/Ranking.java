package dev.mnemo.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * How hits are ordered: {@code score = (1 - w) * similarity + w * recency} with
 * {@code recency = 0.5^(age / halfLife)} (1 for records from now or the future), {@code w} the
 * request's recency weight. With {@code w = 0} the order is pure similarity.
 */
final class Ranking {
    private Ranking() {
    }

    static double recency(Instant timestamp, Instant now, Duration halfLife) {
        double ageSeconds = Math.max(0, Duration.between(timestamp, now).toNanos() / 1e9);
        return Math.pow(0.5, ageSeconds / (halfLife.toNanos() / 1e9));
    }

    static double score(double similarity, double recency, double recencyWeight) {
        return (1 - recencyWeight) * similarity + recencyWeight * recency;
    }
}
