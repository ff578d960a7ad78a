package dev.mnemo.cassandra;

import java.time.Duration;
import java.time.Instant;

/**
 * The ranking documented on {@code SearchRequest}: {@code score = (1 - w) * similarity + w * recency},
 * {@code recency = 0.5^(age / halfLife)}, 1 for records from now or later.
 */
final class Ranking {
    private Ranking() {
    }

    static double recency(Instant timestamp, Instant now, Duration halfLife) {
        // in seconds as doubles: nanoseconds of an age over ~292 years overflow a long
        double age = Math.max(0, seconds(Duration.between(timestamp, now)));
        return Math.pow(0.5, age / seconds(halfLife));
    }

    static double score(double similarity, double recency, double weight) {
        return (1 - weight) * similarity + weight * recency;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
