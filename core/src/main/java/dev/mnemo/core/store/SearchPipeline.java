package dev.mnemo.core.store;

import dev.mnemo.api.HitExplanation;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.core.monitor.SearchTrace;
import dev.mnemo.core.monitor.StoreMonitor;
import dev.mnemo.core.spi.KeywordMatch;
import dev.mnemo.core.spi.RecordSql;
import dev.mnemo.core.spi.StoreDatabase;
import dev.mnemo.core.store.PhaseTimer.Phase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One search, phase by phase: embed the query → one read for the filters, the change-feed position
 * and the keyword leg (its SQL applies the same filters) → the vector leg (the filter as an id
 * filter inside the index) → reciprocal-rank fusion → fetch the rows, and the stored vectors of
 * hits only the keyword leg found → similarity threshold and recency ranking. A {@link PhaseTimer}
 * times each phase for the {@link SearchTrace}.
 *
 * <p>In vector mode a hit's relevance is its cosine similarity, exactly as before hybrid search;
 * otherwise it is the fused score divided by its maximum, so rank 1 in every leg that ran is 1.
 * Either way {@code score = (1 - w) * relevance + w * recency}.
 *
 * <p>Thread-safe: it holds no per-search state.
 */
final class SearchPipeline {
    /** With recency in the ranking (or fusion), this many candidates per requested hit are re-ranked. */
    private static final int RERANK_FACTOR = 4;
    private static final int RERANK_MIN = 50;
    static final String NO_TERMS_NOTE = "the query has no keyword terms; searched the vector leg only";

    private final StoreDatabase database;
    private final RecordSql records;
    private final IndexKeeper keeper;
    private final Clock clock;
    private final StoreMonitor monitor;
    private final Set<Character.UnicodeScript> modelScripts;

    /** @param modelScripts the writing systems the store's model reads ({@code EmbeddingModel.scripts()}) */
    SearchPipeline(StoreDatabase database, IndexKeeper keeper, Clock clock, StoreMonitor monitor,
                   Set<Character.UnicodeScript> modelScripts) {
        this.database = database;
        this.records = database.records();
        this.keeper = keeper;
        this.clock = clock;
        this.monitor = monitor;
        this.modelScripts = Set.copyOf(modelScripts);
    }

    /** The keyword terms a query analyses to (empty: a hybrid or keyword search runs the vector leg only). */
    List<String> queryTerms(String query) {
        return database.keywords().analysis().queryTerms(query);
    }

    /**
     * Runs a search.
     *
     * @param text     the query text, or null for a search by vector (which has no keyword leg)
     * @param embedder turns the text into its vector (called once, timed as the embed phase)
     * @param vector   the query vector when searching by vector, else null
     */
    List<MemoryHit> search(String text, Function<String, float[]> embedder, float[] vector, SearchRequest request) {
        PhaseTimer timer = new PhaseTimer();
        List<String> terms = text == null || request.mode() == SearchMode.VECTOR ? List.of() : queryTerms(text);
        LegChoice choice = chooseLegs(text, terms, request.mode());
        SearchMode mode = choice.mode();
        String note = choice.note();
        float[] query = vector != null ? vector : embedder.apply(text); // similarity is reported in every mode
        timer.lap(Phase.EMBED);

        int depth = depth(request, mode);
        Legs legs = database.read("filtering records", c -> {
            long lastSeq = database.changes().position(c);
            boolean more = lastSeq == keeper.appliedSeq() && database.changes().hasMore(c, lastSeq);
            // checked against the store even when no leg needs the ids: a type mismatch is an error
            records.checkFilters(c, request);
            long[] allowed = mode != SearchMode.KEYWORD && request.hasFilters() ? records.filteredIds(c, request) : null;
            timer.lap(Phase.FILTER);
            List<KeywordMatch> keyword = mode == SearchMode.VECTOR ? List.of()
                    : database.keywords().search(c, terms, request, depth);
            timer.lap(Phase.KEYWORD);
            return new Legs(lastSeq, more, allowed, keyword);
        });
        List<Neighbor> neighbors = List.of();
        if (mode != SearchMode.KEYWORD && (legs.allowed() == null || legs.allowed().length > 0)) {
            keeper.catchUpIfBehind(legs.lastSeq(), legs.more());
            neighbors = keeper.search(query, depth, legs.allowed() == null ? null : IdFilter.of(legs.allowed()));
        }
        timer.lap(Phase.VECTOR);

        List<Fusion.Candidate> fused = Fusion.fuse(neighbors, legs.keyword(), request.rrfK());
        List<MemoryHit> hits = fused.isEmpty() ? List.of() : fetchAndRank(fused, query, request, mode, note, timer);
        trace(timer, request, mode, choice.fallback(), legs.allowed(), hits.size());
        return hits;
    }

    /**
     * The legs a search runs: as requested, except that a text without keyword terms runs the vector
     * leg alone, and a hybrid search in a script the model cannot read runs the keyword leg alone.
     * A search by vector (no text) has only the vector leg, with nothing to note.
     */
    private LegChoice chooseLegs(String text, List<String> terms, SearchMode requested) {
        if (terms.isEmpty()) {
            return text == null || requested == SearchMode.VECTOR ? new LegChoice(SearchMode.VECTOR, null, null)
                    : new LegChoice(SearchMode.VECTOR, NO_TERMS_NOTE, "no keyword terms");
        }
        if (requested == SearchMode.HYBRID) {
            Optional<Character.UnicodeScript> unread = QueryScript.unreadable(text, modelScripts);
            if (unread.isPresent()) {
                String script = unread.get().name().toLowerCase(Locale.ROOT);
                return new LegChoice(SearchMode.KEYWORD, unreadNote(script), "model does not read " + script);
            }
        }
        return new LegChoice(requested, null, null);
    }

    /** The legs chosen, the note for each hit and the plan's remark, both null when as requested. */
    private record LegChoice(SearchMode mode, String note, String fallback) {
    }

    /** Why a hybrid search ranked by the keyword leg alone. */
    private static String unreadNote(String script) {
        String name = Character.toUpperCase(script.charAt(0)) + script.substring(1);
        return "the embedding model does not read " + name + " text; ranked by the keyword leg only";
    }

    private record Legs(long lastSeq, boolean more, long[] allowed, List<KeywordMatch> keyword) {
    }

    /** Candidates per leg: k when the leg's order is final, more when recency or fusion re-ranks. */
    private static int depth(SearchRequest request, SearchMode mode) {
        boolean reranked = request.recencyWeight() > 0 || mode == SearchMode.HYBRID;
        return reranked ? Math.min(SearchRequest.MAX_K, Math.max(request.k() * RERANK_FACTOR, RERANK_MIN)) : request.k();
    }

    private List<MemoryHit> fetchAndRank(List<Fusion.Candidate> fused, float[] query, SearchRequest request,
                                         SearchMode mode, String note, PhaseTimer timer) {
        long[] ids = fused.stream().mapToLong(Fusion.Candidate::id).toArray();
        long[] unscored = fused.stream().filter(c -> !c.scoredByVector()).mapToLong(Fusion.Candidate::id).toArray();
        Fetched fetched = database.read("fetching hits", c -> new Fetched(records.findAll(c, ids),
                unscored.length == 0 ? Map.of() : records.vectors(c, unscored)));
        timer.lap(Phase.FETCH);

        Instant now = clock.instant();
        int legs = mode == SearchMode.HYBRID ? 2 : 1;
        double maxFused = Fusion.maximum(legs, request.rrfK());
        List<MemoryHit> hits = new ArrayList<>(fused.size());
        for (Fusion.Candidate c : fused) {
            MemoryRecord row = fetched.rows().get(c.id());
            double similarity = c.scoredByVector() ? c.similarity() : similarity(query, fetched.vectors().get(c.id()));
            if (row == null || Double.isNaN(similarity) || similarity < request.minSimilarity()) {
                continue; // deleted since a leg saw it, or below the threshold
            }
            double relevance = mode == SearchMode.VECTOR ? similarity : c.fused() / maxFused;
            double recency = Ranking.recency(row.timestamp(), now, request.recencyHalfLife());
            HitExplanation why = new HitExplanation(mode, c.vectorRank(), c.keywordRank(), c.bm25(), c.fused(),
                    relevance, note);
            hits.add(new MemoryHit(row, similarity, recency, Ranking.score(relevance, recency, request.recencyWeight()),
                    why));
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed());
        List<MemoryHit> out = hits.size() > request.k() ? List.copyOf(hits.subList(0, request.k())) : hits;
        timer.lap(Phase.RANK);
        return out;
    }

    private record Fetched(Map<Long, MemoryRecord> rows, Map<Long, float[]> vectors) {
    }

    /** Cosine similarity from a stored (normalised) vector; NaN when the record lost its vector meanwhile. */
    /** Cosine: the stored vector is as given (imports keep theirs bit for bit), not normalised like the index's. */
    private static double similarity(float[] query, float[] stored) {
        return stored == null ? Double.NaN : Vectors.cosine(query, stored);
    }

    private void trace(PhaseTimer timer, SearchRequest request, SearchMode mode, String fallback, long[] allowed,
                       int hits) {
        if (!monitor.enabled()) {
            return;
        }
        String filters = (request.types().isEmpty() ? "" : "types=" + request.types().stream().map(RecordType::name)
                .sorted().toList() + " ")
                + (request.from() == null ? "" : "from=" + request.from() + " ")
                + (request.until() == null ? "" : "until=" + request.until() + " ")
                // keys only: values may be private (user ids)
                + (request.metadata() == null ? "" : "metadata=" + MetadataKeys.of(request.metadata()));
        int candidates = allowed == null ? -1 : allowed.length;
        String plan = (request.hasFilters() ? "filtered " : "ann ") + mode.label()
                + (fallback == null ? "" : "(" + fallback + ")");
        monitor.search(new SearchTrace(timer.nanos(Phase.EMBED), timer.nanos(Phase.FILTER),
                timer.nanos(Phase.KEYWORD) + timer.nanos(Phase.VECTOR), timer.nanos(Phase.FETCH),
                timer.nanos(Phase.RANK), plan, candidates, filters.trim(), request.k(), hits));
    }
}
