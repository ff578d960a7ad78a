package dev.mnemo.cli;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mnemo demo}: ingests Debian's fortunes as the memories of two characters (English
 * {@value #ENGLISH}, Chinese {@value #CHINESE}), searches them with and without filters, and
 * prints hits, statistics and timings. Re-running is safe: a store that already holds its share
 * is not ingested again, and an interrupted ingest continues where it stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Ingests real text (Debian fortunes, English and Chinese) and searches it.",
            "Stores Debian's fortunes (English) and fortunes-zh (Chinese) as conversations of two",
            "characters ('" + DemoCommand.ENGLISH + "', '" + DemoCommand.CHINESE + "') with timestamps over the last 90 days,",
            "runs searches with and without time/type filters, and prints hits, stats and timings.",
            "Uses its own data directory ./data-demo unless --data-dir is given; --character/--story are ignored.",
            "Safe to re-run and to interrupt with Ctrl-C."})
final class DemoCommand extends BaseCommand {
    static final String ENGLISH = "oracle";
    static final String CHINESE = "laoshi";
    static final Path DEFAULT_DATA_DIR = Path.of("data-demo");
    static final Duration SPREAD = Duration.ofDays(90);
    /** Every n-th entry becomes a {@code note} rather than a conversation, so type filters have something to do. */
    static final int NOTE_EVERY = 10;
    static final RecordType NOTE = new RecordType("note");
    private static final int SHOW_HITS = 3;
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Option(names = "--corpus", paramLabel = "DIR", description = "Directory of fortune files (default: ${DEFAULT-VALUE}).")
    private Path corpus = FortuneCorpus.DEBIAN_DIR;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Entries per character (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Records per transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--latency-runs", paramLabel = "N", defaultValue = "20",
            description = "Times each query is repeated to measure search latency (default: ${DEFAULT-VALUE}).")
    private int latencyRuns;

    /** One search the demo runs. */
    private record DemoSearch(String character, String query, String filters, UnaryOperator<SearchRequest.Builder> options) {
    }

    @Override
    public Integer call() {
        if (limit < 1 || batchSize < 1 || latencyRuns < 0) {
            throw new CliException(ExitCodes.USAGE, "--limit and --batch-size must be positive, --latency-runs not negative");
        }
        FortuneCorpus texts = FortuneCorpus.load(corpus); // before the model loads: a missing corpus fails fast
        MnemoConfig config = config(DEFAULT_DATA_DIR);
        Map<String, Object> doc = new LinkedHashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (MemoryService service = MemoryService.open(config)) {
            doc.put("data_dir", config.dataDir().toAbsolutePath().toString());
            doc.put("vector_backend", service.backend().provider().name());
            doc.put("backend_note", service.backend().note());
            doc.put("embedding_model", service.model().name());
            doc.put("dimension", service.model().dimension());
            human("Mnemo demo: data in %s%n  vector backend %s (%s)%n  embedding model %s (%d dims)%n%n",
                    config.dataDir(), service.backend().provider().name(), service.backend().note(),
                    service.model().name(), service.model().dimension());
            List<Object> characters = new ArrayList<>();
            characters.add(ingest(service.character(ENGLISH), "en", FortuneCorpus.sample(texts.english(), limit), now));
            characters.add(ingest(service.character(CHINESE), "zh", FortuneCorpus.sample(texts.chinese(), limit), now));
            doc.put("characters", characters);
            SearchRequest defaults = service.character(ENGLISH).defaultRequest();
            human("%nSearches (%s; w = %.2f, half-life %d days):%n", Scores.FORMULA, defaults.recencyWeight(),
                    defaults.recencyHalfLife().toDays());
            List<Object> searches = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            List<Double> repeated = new ArrayList<>();
            for (DemoSearch s : searches()) {
                searches.add(search(service.character(s.character()), s, first, repeated));
            }
            doc.put("searches", searches);
            doc.put("search_latency", latency(first, repeated));
            List<Object> stats = new ArrayList<>();
            human("%nStores:%n");
            for (String name : List.of(ENGLISH, CHINESE)) {
                MemoryStore store = service.character(name);
                Map<String, Object> st = Json.stats("character " + name, store.stats(), store.databaseLocation(), store.indexPath().toString());
                stats.add(st);
                human("  %-7s %5d records (%d conversations), %s index of %d vectors, database %s (%.1f MB)%n", name,
                        (Long) st.get("total_records"), (Long) st.get("conversation_records"), st.get("index_backend"),
                        (Long) st.get("index_size"), st.get("database_path"), (Long) st.get("database_size_bytes") / 1e6);
            }
            doc.put("stats", stats);
        }
        if (global().json()) {
            printJson(doc);
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> ingest(MemoryStore store, String language, List<String> entries, Instant now) {
        long existing = store.stats().totalRecords();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", store.name());
        m.put("language", language);
        m.put("corpus_entries", entries.size());
        if (existing >= entries.size()) {
            human("%s: already holds %d records, ingest skipped%n", store.name(), existing);
            m.put("ingested", 0);
            m.put("skipped_existing", existing);
            return m;
        }
        // the same seed on every run, so a resumed ingest continues the same timeline
        double[] age = new Random(language.hashCode()).doubles(entries.size()).toArray();
        int from = (int) existing;
        if (from > 0) {
            human("%s: %d of %d records already stored, continuing%n", store.name(), from, entries.size());
        }
        long started = System.nanoTime();
        int done = 0;
        try (Progress progress = Progress.start("ingest " + store.name(), entries.size() - from)) {
            for (int i = from; i < entries.size(); i += batchSize) {
                int to = Math.min(entries.size(), i + batchSize);
                List<MemoryDraft> batch = new ArrayList<>(to - i);
                for (int j = i; j < to; j++) {
                    Instant when = now.minusSeconds((long) (age[j] * SPREAD.toSeconds()));
                    batch.add(draft(entries.get(j), language, j, when));
                }
                cancellation().check((from + done) + " of " + entries.size() + " records of " + store.name()
                        + " stored; run 'mnemo demo' again to continue");
                store.addAll(batch);
                done += batch.size();
                progress.stepBy(batch.size());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        human(Locale.ROOT, "%s: ingested %d %s entries in %.2f s (%.0f rec/s)%n", store.name(), done,
                language.equals("en") ? "English" : "Chinese", seconds, rate);
        m.put("ingested", done);
        m.put("skipped_existing", existing);
        m.put("seconds", seconds);
        m.put("records_per_second", rate);
        return m;
    }

    /** A conversation asking about the entry's first words, answered by the entry; every n-th a note. */
    static MemoryDraft draft(String entry, String language, int index, Instant when) {
        if (index % NOTE_EVERY == NOTE_EVERY - 1) {
            return MemoryDraft.of(NOTE, entry, when);
        }
        String user = language.equals("en")
                ? "Tell me something about \"" + firstWords(entry, 5) + "\""
                : "跟我讲讲「" + firstChars(entry, 8) + "」吧";
        return MemoryDraft.conversation(user, entry, when);
    }

    private static List<DemoSearch> searches() {
        return List.of(
                new DemoSearch(ENGLISH, "computer programs and their bugs", "none", b -> b),
                new DemoSearch(ENGLISH, "love and marriage", "none", b -> b),
                new DemoSearch(ENGLISH, "money and work", "--since 30d", b -> b.from(Instant.now().minus(Duration.ofDays(30)))),
                new DemoSearch(ENGLISH, "science and the universe", "--type note", b -> b.types(NOTE)),
                new DemoSearch(ENGLISH, "advice about life", "--type conversation --since 60d --until 14d",
                        b -> b.types(RecordType.CONVERSATION).from(Instant.now().minus(Duration.ofDays(60)))
                                .until(Instant.now().minus(Duration.ofDays(14)))),
                new DemoSearch(CHINESE, "明月思念故乡", "none", b -> b),
                new DemoSearch(CHINESE, "春天的花", "none", b -> b),
                new DemoSearch(CHINESE, "尊重他人，保持礼貌", "--since 30d", b -> b.from(Instant.now().minus(Duration.ofDays(30)))),
                new DemoSearch(CHINESE, "饮酒", "--type note", b -> b.types(NOTE)));
    }

    private Map<String, Object> search(MemoryStore store, DemoSearch s, List<Double> first, List<Double> repeated) {
        SearchRequest request = s.options().apply(store.defaultRequest().toBuilder().k(SHOW_HITS)).build();
        long started = System.nanoTime();
        List<MemoryHit> hits = store.search(s.query(), request);
        double millis = (System.nanoTime() - started) / 1e6;
        first.add(millis);
        for (int i = 0; i < latencyRuns; i++) {
            long t = System.nanoTime();
            store.search(s.query(), request);
            repeated.add((System.nanoTime() - t) / 1e6);
        }
        human(Locale.ROOT, "%n[%s] \"%s\"  filters: %s  (%.1f ms)%n", s.character(), s.query(), s.filters(), millis);
        List<Object> out = new ArrayList<>();
        for (MemoryHit h : hits) {
            out.add(Json.hit(h, request.recencyWeight(), request.recencyHalfLife(), false));
            human(Locale.ROOT, "  score %.4f = similarity %.4f, recency %.4f  %s  %-12s %s%n", h.score(), h.similarity(),
                    h.recency(), MINUTES.format(h.record().timestamp()), h.record().type(),
                    Text.oneLine(h.record().assistantMessage() != null ? h.record().assistantMessage() : h.record().text(), 90));
        }
        if (hits.isEmpty()) {
            human("  (no hits)%n");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("character", s.character());
        m.put("query", s.query());
        m.put("filters", s.filters());
        m.put("took_ms", millis);
        m.put("hits", out);
        return m;
    }

    /**
     * First runs embed the query; repeated runs find its embedding in the store's cache, so they
     * measure the index and the database alone.
     */
    private Map<String, Object> latency(List<Double> first, List<Double> repeated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first_runs", summary(first));
        m.put("repeated_runs", summary(repeated));
        human(Locale.ROOT, "%nSearch latency: first run of each query (embedding it) %s;%n"
                + "  repeated runs (embedding cached) %s%n", text(first), text(repeated));
        return m;
    }

    private static Map<String, Object> summary(List<Double> millis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", millis.size());
        if (!millis.isEmpty()) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            m.put("mean_ms", Arrays.stream(sorted).average().orElse(0));
            m.put("p50_ms", sorted[(sorted.length - 1) / 2]);
            m.put("p95_ms", sorted[(int) Math.ceil(sorted.length * 0.95) - 1]);
            m.put("max_ms", sorted[sorted.length - 1]);
        }
        return m;
    }

    private static String text(List<Double> millis) {
        Map<String, Object> s = summary(millis);
        if (millis.isEmpty()) {
            return "(not measured)";
        }
        return String.format(Locale.ROOT, "n=%d mean %.2f ms, p50 %.2f ms, p95 %.2f ms, max %.2f ms", millis.size(),
                (Double) s.get("mean_ms"), (Double) s.get("p50_ms"), (Double) s.get("p95_ms"), (Double) s.get("max_ms"));
    }

    private static String firstWords(String entry, int n) {
        String[] words = entry.strip().split("\\s+");
        String joined = String.join(" ", Arrays.copyOf(words, Math.min(n, words.length)));
        return joined.replaceAll("[\\p{Punct}&&[^'\"]]+$", "");
    }

    private static String firstChars(String entry, int n) {
        String flat = entry.replaceAll("\\s+", "");
        return flat.codePointCount(0, flat.length()) <= n ? flat : flat.substring(0, flat.offsetByCodePoints(0, n));
    }

    /** Human output, suppressed under --json (which prints one document at the end). */
    private void human(String format, Object... args) {
        human(Locale.ROOT, format, args);
    }

    private void human(Locale locale, String format, Object... args) {
        if (!global().json()) {
            out().printf(locale, format, args);
            out().flush();
        }
    }
}
