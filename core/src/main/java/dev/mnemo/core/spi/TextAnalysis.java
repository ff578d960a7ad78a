package dev.mnemo.core.spi;

import dev.mnemo.core.internal.text.KeywordAnalyzer;
import java.util.List;

/**
 * The keyword leg's text analysis, the same for every store kind: Unicode words, lower case,
 * English stop words dropped, KStem, CJK characters plus bigrams (see the README's "Search and
 * ranking"). A store kind stores {@link #terms} of each record and matches {@link #queryTerms}.
 *
 * <p>Thread-safe.
 */
public final class TextAnalysis implements AutoCloseable {
    private final KeywordAnalyzer analyzer = new KeywordAnalyzer();

    /** The terms of a text in order, repeats kept; each holds no ASCII punctuation or space. */
    public List<String> terms(String text) {
        return analyzer.terms(text);
    }

    /** A text's terms separated by single spaces (what the keyword table stores). */
    public String document(String text) {
        return analyzer.document(text);
    }

    /** The distinct terms of a query, at most 64; empty when it has none. */
    public List<String> queryTerms(String query) {
        return analyzer.queryTerms(query);
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
