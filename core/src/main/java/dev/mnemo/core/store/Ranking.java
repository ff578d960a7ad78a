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
        // seconds as doubles: nanoseconds overflow a long beyond ~292 years (a record from 1700)
        double ageSeconds = Math.max(0, seconds(Duration.between(timestamp, now)));
        return Math.pow(0.5, ageSeconds / seconds(halfLife));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    static double score(double similarity, double recency, double recencyWeight) {
        return (1 - recencyWeight) * similarity + recencyWeight * recency;
    }
}
