package dev.mnemo.api;

import dev.mnemo.api.filter.MetadataFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What to search for, besides the query itself. Immutable; build with {@link #builder()}.
 *
 * <p>Filters (types, time range, metadata) are applied before the nearest-neighbour step, so {@code k}
 * hits come back whenever at least {@code k} records match the filters and pass the threshold.
 * Ranking: {@code score = (1 - recencyWeight) * similarity + recencyWeight * 0.5^(age / recencyHalfLife)}.
 *
 * @param k               how many hits at most, 1..{@value #MAX_K}
 * @param types           allowed record types; empty means all
 * @param from            inclusive lower bound on the record timestamp, or {@code null}
 * @param until           exclusive upper bound on the record timestamp, or {@code null}
 * @param minSimilarity   hits below this cosine similarity are dropped; -1 keeps everything
 * @param recencyWeight   weight of recency in the score, 0 (similarity only) to 1
 * @param recencyHalfLife age at which recency counts half
 * @param mode            which legs run: {@link SearchMode#HYBRID} (default), vector or keyword
 * @param rrfK            the reciprocal-rank-fusion constant k in {@code 1 / (k + rank)}, at least 1
 * @param metadata        a condition on the records' metadata, or {@code null} for none
 */
public record SearchRequest(int k, Set<RecordType> types, Instant from, Instant until, double minSimilarity,
                            double recencyWeight, Duration recencyHalfLife, SearchMode mode, int rrfK,
                            MetadataFilter metadata) {
    public static final int MAX_K = 10_000;
    public static final int DEFAULT_K = 5;
    public static final double DEFAULT_MIN_SIMILARITY = -1.0;
    public static final double DEFAULT_RECENCY_WEIGHT = 0.1;
    public static final Duration DEFAULT_RECENCY_HALF_LIFE = Duration.ofDays(30);
    public static final SearchMode DEFAULT_MODE = SearchMode.HYBRID;
    /** The constant of the reciprocal-rank-fusion paper (Cormack et al., 2009). */
    public static final int DEFAULT_RRF_K = 60;

    public SearchRequest {
        if (k < 1 || k > MAX_K) {
            throw new InvalidInputException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        types = Set.copyOf(Objects.requireNonNull(types, "types"));
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidInputException("time range is empty: from " + from + " is not before until " + until);
        }
        if (Double.isNaN(minSimilarity) || minSimilarity < -1 || minSimilarity > 1) {
            throw new InvalidInputException("minSimilarity must be within [-1, 1], got " + minSimilarity);
        }
        if (Double.isNaN(recencyWeight) || recencyWeight < 0 || recencyWeight > 1) {
            throw new InvalidInputException("recencyWeight must be within [0, 1], got " + recencyWeight);
        }
        Objects.requireNonNull(recencyHalfLife, "recencyHalfLife");
        if (recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
            throw new InvalidInputException("recencyHalfLife must be positive, got " + recencyHalfLife);
        }
        Objects.requireNonNull(mode, "mode");
        if (rrfK < 1) {
            throw new InvalidInputException("rrfK must be at least 1, got " + rrfK);
        }
    }

    /** The request as it was before metadata filters. */
    public SearchRequest(int k, Set<RecordType> types, Instant from, Instant until, double minSimilarity,
                         double recencyWeight, Duration recencyHalfLife, SearchMode mode, int rrfK) {
        this(k, types, from, until, minSimilarity, recencyWeight, recencyHalfLife, mode, rrfK, null);
    }

    /** The request as it was before search modes: same filters and ranking, the default mode and rrfK. */
    public SearchRequest(int k, Set<RecordType> types, Instant from, Instant until, double minSimilarity,
                         double recencyWeight, Duration recencyHalfLife) {
        this(k, types, from, until, minSimilarity, recencyWeight, recencyHalfLife, DEFAULT_MODE, DEFAULT_RRF_K);
    }

    /** The top {@value #DEFAULT_K} by the default ranking, no filters. */
    public static SearchRequest defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when a type, time or metadata filter is set. */
    public boolean hasFilters() {
        return !types.isEmpty() || from != null || until != null || metadata != null;
    }

    public Builder toBuilder() {
        return new Builder().k(k).types(types).from(from).until(until).minSimilarity(minSimilarity)
                .recencyWeight(recencyWeight).recencyHalfLife(recencyHalfLife).mode(mode).rrfK(rrfK).metadata(metadata);
    }

    /** Builder with the documented defaults; {@link #build()} validates every value. */
    public static final class Builder {
        private int k = DEFAULT_K;
        private Set<RecordType> types = Set.of();
        private Instant from;
        private Instant until;
        private double minSimilarity = DEFAULT_MIN_SIMILARITY;
        private double recencyWeight = DEFAULT_RECENCY_WEIGHT;
        private Duration recencyHalfLife = DEFAULT_RECENCY_HALF_LIFE;
        private SearchMode mode = DEFAULT_MODE;
        private int rrfK = DEFAULT_RRF_K;
        private MetadataFilter metadata;

        private Builder() {
        }

        public Builder k(int value) {
            this.k = value;
            return this;
        }

        public Builder types(Set<RecordType> value) {
            this.types = value;
            return this;
        }

        public Builder types(RecordType... value) {
            return types(Set.of(value));
        }

        public Builder from(Instant value) {
            this.from = value;
            return this;
        }

        public Builder until(Instant value) {
            this.until = value;
            return this;
        }

        public Builder minSimilarity(double value) {
            this.minSimilarity = value;
            return this;
        }

        public Builder recencyWeight(double value) {
            this.recencyWeight = value;
            return this;
        }

        public Builder recencyHalfLife(Duration value) {
            this.recencyHalfLife = value;
            return this;
        }

        /** Which legs run; {@link SearchMode#HYBRID} by default. */
        public Builder mode(SearchMode value) {
            this.mode = value;
            return this;
        }

        /** The reciprocal-rank-fusion constant; {@value SearchRequest#DEFAULT_RRF_K} by default. */
        public Builder rrfK(int value) {
            this.rrfK = value;
            return this;
        }

        /** Only records whose metadata matches; {@code null} (the default) for no metadata filter. */
        public Builder metadata(MetadataFilter value) {
            this.metadata = value;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(k, types, from, until, minSimilarity, recencyWeight, recencyHalfLife, mode, rrfK,
                    metadata);
        }
    }
}
