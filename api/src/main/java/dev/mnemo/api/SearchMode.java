package dev.mnemo.api;

import java.util.Arrays;
import java.util.Locale;

/** Which retrieval legs a search runs. */
public enum SearchMode {
    /** Both legs, fused by reciprocal rank (the default). */
    HYBRID,
    /** Nearest neighbours of the query's embedding only. */
    VECTOR,
    /** BM25 over the analysed terms only. */
    KEYWORD;

    /** The mode named {@code hybrid}, {@code vector} or {@code keyword} (any case). */
    public static SearchMode of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown search mode '" + name + "'; known: "
                    + Arrays.stream(values()).map(SearchMode::label).toList());
        }
    }

    /** The lower-case name used in configuration, the CLI and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
