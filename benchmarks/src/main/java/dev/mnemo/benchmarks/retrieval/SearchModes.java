package dev.mnemo.benchmarks.retrieval;

import dev.mnemo.api.SearchRequest;
import java.util.List;
import java.util.Locale;

/**
 * The search modes the retrieval benchmark can ask a store for, by name. Only {@code vector} exists
 * in this build (every store search is vector search); when {@link SearchRequest} gains a mode,
 * each new name is one case here mapping onto its builder.
 */
public final class SearchModes {
    /** Every mode this build can run, in report order. */
    public static final List<String> KNOWN = List.of("vector");

    private SearchModes() {
    }

    /**
     * The request builder set to the named mode.
     *
     * @throws IllegalArgumentException for a mode this build does not have, naming the known ones
     */
    public static SearchRequest.Builder apply(String mode, SearchRequest.Builder builder) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "vector" -> builder;
            default -> throw new IllegalArgumentException("unknown search mode '" + mode + "'; this build has: "
                    + String.join(", ", KNOWN));
        };
    }
}
