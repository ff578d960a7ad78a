package dev.mnemo.core.internal.text;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns text into the keyword leg's terms, the same way for records and queries.
 *
 * <p>The chain: full- and half-width forms folded ({@link CJKWidthCharFilter}), words split by
 * Unicode rules ({@link StandardTokenizer}), lower case, English possessives removed, Han, Kana and
 * Hangul as single characters plus overlapping bigrams ({@link CJKBigramFilter} with unigrams:
 * a two-character Chinese query matches as a bigram, a one-character query still matches), English
 * stop words dropped (an OR query on "the" would match every record), then {@link KStemFilter}.
 * KStem rather than Porter: it is the light stemmer asked for, folds plurals and verb forms
 * ("memories", "played") to dictionary words, and does not merge unrelated words the way
 * Porter's suffix stripping does ("university"/"universe" both become "univers").
 *
 * <p>ASCII punctuation left inside a term ("can't", "3.14") is removed, so a stored term holds
 * only letters, digits and non-ASCII characters: FTS5's {@code ascii} tokenizer then splits the
 * space-separated terms exactly where this class put the spaces.
 *
 * <p>Thread-safe (Lucene reuses one token stream per thread). Close it to drop those.
 */
public final class KeywordAnalyzer implements AutoCloseable {
    /** Query terms beyond this many are ignored: an OR over hundreds of terms only costs time. */
    public static final int MAX_QUERY_TERMS = 64;

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = new LowerCaseFilter(source);
            s = new EnglishPossessiveFilter(s);
            s = new CJKBigramFilter(s, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                    | CJKBigramFilter.HANGUL, true);
            s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            s = new KStemFilter(s);
            return new TokenStreamComponents(source, s);
        }

        @Override
        protected Reader initReader(String field, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }
    };

    /** The terms of a text in order, repeats kept (term frequency counts in BM25). */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = stripAsciiPunctuation(term);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException("analysing text (a string reader cannot fail)", e);
        }
        return out;
    }

    /** What the keyword table stores for a text: its terms separated by single spaces. */
    public String document(String text) {
        return String.join(" ", terms(text));
    }

    /** The distinct terms of a query, at most {@value #MAX_QUERY_TERMS}; empty when it has none. */
    public List<String> queryTerms(String query) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(terms(query));
        return distinct.stream().limit(MAX_QUERY_TERMS).toList();
    }

    private static String stripAsciiPunctuation(CharTermAttribute term) {
        StringBuilder b = new StringBuilder(term.length());
        for (int i = 0; i < term.length(); i++) {
            char ch = term.charAt(i);
            if (ch >= 0x80 || Character.isLetterOrDigit(ch)) {
                b.append(ch);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
