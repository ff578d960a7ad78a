package dev.mnemo.cli;

import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mnemo search}: the memories closest in meaning to a query, ranked by similarity and recency. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Searches memories by meaning (vector leg) and by their words (keyword leg, BM25).",
            "The legs are fused by reciprocal rank; filters apply inside both legs.",
            "Ranking: " + Scores.FORMULA + "; " + Scores.RELEVANCE + "."})
final class SearchCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for.")
    private String query;

    @Option(names = {"-k", "--limit"}, paramLabel = "K", defaultValue = "5", description = "Hits at most (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this record type (repeatable).")
    private List<String> types = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", description = "Only records at or after TIME (ISO-8601, 'yyyy-MM-dd HH:mm:ss', or 7d/12h ago).")
    private String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records before TIME (same forms as --since).")
    private String until;

    @Option(names = "--min-similarity", paramLabel = "S", description = "Drop hits with cosine similarity below S (-1..1).")
    private Double minSimilarity;

    @Option(names = "--recency-weight", paramLabel = "W",
            description = "Weight of recency in the score, 0..1 (default: mnemo.search.recency-weight, 0.1).")
    private Double recencyWeight;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "hybrid, vector or keyword (default: mnemo.search.mode, hybrid).")
    private String mode;

    @Option(names = "--where", paramLabel = "EXPR",
            description = {"Only records whose metadata matches, e.g. 'user_id = \"u1\" and importance >= 3'.",
                "Operators = != > >= < <=, in (...), not in (...), contains \"...\", exists; and, or, not, ( )."})
    private String where;

    @Option(names = "--explain", description = "Shows each hit's score breakdown and the legs' ranks.")
    private boolean explain;

    @Override
    int run(MemoryService service, MemoryStore store) {
        SearchRequest request = request(store.defaultRequest(), Instant.now());
        long started = System.nanoTime();
        List<MemoryHit> hits = store.search(query, request);
        double millis = (System.nanoTime() - started) / 1e6;
        String note = request.mode() != SearchMode.VECTOR && store.keywordTerms(query).isEmpty()
                ? "note: the query has no keyword terms; searched the vector leg only" : null;
        if (note != null) {
            err().println(note);
            err().flush();
        }
        Duration halfLife = request.recencyHalfLife();
        if (global().json()) {
            List<Object> out = new ArrayList<>();
            hits.forEach(h -> out.add(Json.hit(h, request.recencyWeight(), halfLife, request.rrfK(), explain)));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("query", query);
            doc.put("mode", request.mode().label());
            if (note != null) {
                doc.put("note", note.substring("note: ".length()));
            }
            doc.put("store", global().storeLabel());
            doc.put("took_ms", millis);
            doc.put("hits", out);
            printJson(doc);
        } else {
            printHuman(hits, request, millis);
        }
        return ExitCodes.OK;
    }

    /** The request from the store's configured ranking defaults and the options. */
    private SearchRequest request(SearchRequest defaults, Instant now) {
        SearchRequest.Builder b = defaults.toBuilder().k(k);
        if (mode != null) {
            b.mode(SearchMode.of(mode));
        }
        if (recencyWeight != null) {
            b.recencyWeight(recencyWeight);
        }
        if (minSimilarity != null) {
            b.minSimilarity(minSimilarity);
        }
        Set<RecordType> typeSet = new LinkedHashSet<>();
        types.forEach(t -> typeSet.add(RecordType.of(t)));
        b.types(typeSet);
        if (since != null) {
            b.from(TimeArgs.parseOrAgo("--since", since, now));
        }
        if (until != null) {
            b.until(TimeArgs.parseOrAgo("--until", until, now));
        }
        if (where != null) {
            b.metadata(WhereParser.parse(where));
        }
        return b.build();
    }

    private void printHuman(List<MemoryHit> hits, SearchRequest request, double millis) {
        out().printf(Locale.ROOT, "%d hit(s) in %.1f ms from %s (%s)%n", hits.size(), millis, global().storeLabel(),
                request.mode().label());
        int rank = 1;
        for (MemoryHit h : hits) {
            out().printf(Locale.ROOT, "%2d. #%d  score %.4f  similarity %.4f  recency %.4f  %s  [%s]%n", rank++,
                    h.record().id(), h.score(), h.similarity(), h.recency(), h.record().timestamp(), h.record().type());
            out().println("    " + Text.oneLine(h.record().text(), 160));
            if (!h.record().metadata().isEmpty()) {
                out().println("    metadata " + Json.write(h.record().metadata()));
            }
            if (explain) {
                out().printf(Locale.ROOT, "    %s, w = %s, half_life = %s days%n", Scores.FORMULA,
                        request.recencyWeight(), Scores.days(request.recencyHalfLife()));
                out().printf(Locale.ROOT, "    %s, rrf_k = %d%n", Scores.RELEVANCE, request.rrfK());
                out().println("    " + Scores.legsLine(h));
                out().println("    " + Scores.line(h, request.recencyWeight()));
            }
        }
        out().flush();
    }
}
