package dev.mnemo.benchmarks.retrieval;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.benchmarks.BenchmarkRunner;
import dev.mnemo.benchmarks.StoreFixture;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.embedding.onnx.ShippedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code retrieval} plan: how well Mnemo finds the right memory on public data, by the
 * protocol of {@code shared/data/README.md}. For each data set it scores a plain BM25 baseline,
 * then, for each shipped ONNX model, builds real stores (SQLite, exact backend, the model loaded
 * by the {@code onnx} provider from configuration), searches every question in each search mode
 * with the store's default request at k = 10 and scores the answers. Models with a retrieval
 * instruction are also run with it on the query, in vector mode: a search by vector has no text
 * for the keyword leg. Writes {@code report.md} to the output
 * folder. Not a JMH benchmark: quality is the measurement, latency is a by-product.
 *
 * <pre>
 * java -jar benchmarks.jar retrieval [--data DIR] [--out DIR] [--work DIR] [--commit SHA]
 *      [--models id,...] [--modes hybrid,vector,keyword] [--instruction both|off|on]
 * </pre>
 */
public final class RetrievalBenchmark {
    static final String LOCOMO = "LoCoMo dev";
    static final String CMRC = "CMRC 2018 trial";
    private static final int BATCH = 256;
    private static final int WARMUP_SEARCHES = 20;

    private final Path work;
    private final List<SearchMode> modes;
    private final String instruction;

    private RetrievalBenchmark(Path work, List<SearchMode> modes, String instruction) {
        this.work = work;
        this.modes = modes;
        this.instruction = instruction;
    }

    public static void main(String[] args) {
        Path data = null;
        Path out = Path.of("retrieval-results");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "mnemo-retrieval");
        String commit = "unknown";
        List<String> models = Arrays.stream(ShippedModel.values()).map(ShippedModel::id).toList();
        List<SearchMode> modes = List.of(SearchMode.values());
        String instruction = "both";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data" -> data = Path.of(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--work" -> work = Path.of(required(args[i], value));
                case "--commit" -> commit = required(args[i], value);
                case "--models" -> models = List.of(required(args[i], value).split(","));
                case "--modes" -> modes = Arrays.stream(required(args[i], value).split(",")).map(SearchMode::of).toList();
                case "--instruction" -> instruction = required(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (!List.of("both", "off", "on").contains(instruction)) {
            throw new IllegalArgumentException("--instruction must be both, off or on, got " + instruction);
        }
        models.forEach(ShippedModel::byId);
        Path dataDir = data != null ? data : findSharedData();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("commit", commit);
        environment.put("data", dataDir.toAbsolutePath().toString());
        environment.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        environment.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put("load average at start (1/5/15 min)", BenchmarkRunner.loadAverage());

        LocomoData locomoReader = new LocomoData();
        List<Corpus> locomo = locomoReader.readFolder(dataDir.resolve("locomo-dev"));
        CmrcData cmrcReader = new CmrcData();
        Corpus cmrc = cmrcReader.read(dataDir.resolve("cmrc2018-trial").resolve("cmrc2018_trial.json"));
        Map<String, List<Corpus>> datasets = new LinkedHashMap<>();
        datasets.put(LOCOMO, locomo);
        datasets.put(CMRC, List.of(cmrc));
        environment.put("LoCoMo evidence ids naming no turn (dropped)", String.valueOf(locomoReader.droppedEvidence()));
        environment.put("CMRC questions without a usable answer position (skipped)",
                String.valueOf(cmrcReader.skippedQuestions()));

        RetrievalBenchmark benchmark = new RetrievalBenchmark(work, modes, instruction);
        List<SystemResult> results = new ArrayList<>();
        results.add(bm25(LOCOMO, locomo, "lower-cased words", Bm25::words));
        results.add(bm25(CMRC, List.of(cmrc), "character bigrams", Bm25::characterBigrams));
        for (String model : models) {
            for (Map.Entry<String, List<Corpus>> dataset : datasets.entrySet()) {
                System.out.println("== " + model + " on " + dataset.getKey());
                results.addAll(benchmark.run(ShippedModel.byId(model), dataset.getKey(), dataset.getValue()));
                // rewritten after every step, so an interrupted run still leaves what it measured
                RetrievalReport.write(out, environment, datasets, results);
            }
        }
        environment.put("load average at end (1/5/15 min)", BenchmarkRunner.loadAverage());
        Path report = RetrievalReport.write(out, environment, datasets, results);
        System.out.println("report: " + report.toAbsolutePath());
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    static SystemResult bm25(String dataset, List<Corpus> corpora, String terms, Function<String, List<String>> analyzer) {
        MetricsSummary summary = new MetricsSummary();
        Latencies latencies = new Latencies();
        for (Corpus corpus : corpora) {
            Bm25 index = new Bm25(corpus.documents().stream().map(Corpus.Document::text).toList(), analyzer);
            for (Corpus.Question q : corpus.questions()) {
                long start = System.nanoTime();
                List<Integer> top = index.search(q.text(), RankingMetrics.DEPTH);
                latencies.add(System.nanoTime() - start);
                List<String> keys = top.stream().map(i -> corpus.documents().get(i).key()).toList();
                summary.add(q.category(), RankingMetrics.score(keys, q.evidence()));
            }
        }
        return new SystemResult(dataset, "BM25", terms, false, summary, latencies.percentileMs(50),
                latencies.percentileMs(99), Double.NaN);
    }

    /** Every mode and instruction variant of one model on one data set, on stores built once. */
    List<SystemResult> run(ShippedModel model, String dataset, List<Corpus> corpora) {
        Path dir = work.resolve(model.id() + "-" + dataset.replaceAll("[^A-Za-z0-9]+", "-"));
        StoreFixture.deleteTree(dir);
        MnemoConfig config = MnemoConfig.builder().dataDir(dir)
                .set(MnemoConfig.VECTOR_BACKEND, "exact")
                .set(MnemoConfig.EMBEDDING_PROVIDER, "onnx")
                .set("mnemo.embedding.onnx.model", model.id())
                // every mode asks the same questions: without this, only the first would pay for embedding
                .set(MnemoConfig.EMBEDDING_CACHE_ENTRIES, "0")
                .build();
        List<SystemResult> out = new ArrayList<>();
        try (MemoryService service = MemoryService.open(config)) {
            Map<String, Map<Long, String>> keysByStore = new HashMap<>();
            long records = 0;
            long start = System.nanoTime();
            for (Corpus corpus : corpora) {
                keysByStore.put(corpus.name(), ingest(service.character(corpus.name()), corpus));
                records += corpus.documents().size();
            }
            double ingestPerSecond = records / ((System.nanoTime() - start) / 1e9);
            List<Boolean> variants = switch (model.queryInstruction().isEmpty() ? "off" : instruction) {
                case "on" -> List.of(true);
                case "off" -> List.of(false);
                default -> List.of(false, true);
            };
            for (SearchMode mode : modes) {
                for (boolean withInstruction : mode == SearchMode.VECTOR ? variants : List.of(false)) {
                    MetricsSummary summary = new MetricsSummary();
                    Latencies latencies = new Latencies();
                    for (Corpus corpus : corpora) {
                        MemoryStore store = service.character(corpus.name());
                        SearchRequest request = store.defaultRequest().toBuilder().mode(mode)
                                .k(RankingMetrics.DEPTH).build();
                        String prefix = withInstruction ? model.queryInstruction() : "";
                        for (int i = 0; i < WARMUP_SEARCHES; i++) {
                            search(service, store, "warm-up question " + i + " " + mode.label(), request, prefix);
                        }
                        Map<Long, String> keys = keysByStore.get(corpus.name());
                        for (Corpus.Question q : corpus.questions()) {
                            long t0 = System.nanoTime();
                            List<MemoryHit> hits = search(service, store, q.text(), request, prefix);
                            latencies.add(System.nanoTime() - t0);
                            List<String> ranked = hits.stream().map(h -> keys.get(h.record().id())).toList();
                            summary.add(q.category(), RankingMetrics.score(ranked, q.evidence()));
                        }
                    }
                    SystemResult result = new SystemResult(dataset, "Mnemo " + mode.label(), model.id(), withInstruction, summary,
                            latencies.percentileMs(50), latencies.percentileMs(99), ingestPerSecond);
                    System.out.printf("   %s instruction=%s recall@5 %.3f recall@10 %.3f p50 %.1f ms%n", mode.label(),
                            withInstruction, summary.overall().recallAt5(), summary.overall().recallAt10(), result.p50Ms());
                    out.add(result);
                }
            }
        }
        StoreFixture.deleteTree(dir);
        return out;
    }

    /**
     * A store search as an application runs it: by text, or, with a query instruction (which the
     * {@code EmbeddingModel} interface has no place for), the prefixed text embedded by the
     * service's model and searched by vector.
     */
    private static List<MemoryHit> search(MemoryService service, MemoryStore store, String query, SearchRequest request,
                                          String prefix) {
        if (prefix.isEmpty()) {
            return store.search(query, request);
        }
        return store.search(service.model().embedQueries(List.of(prefix + query)).get(0), request);
    }

    /** Stores the corpus in batches of {@value #BATCH}; returns record id to document key. */
    private static Map<Long, String> ingest(MemoryStore store, Corpus corpus) {
        Map<Long, String> keys = new HashMap<>();
        List<Corpus.Document> documents = corpus.documents();
        for (int from = 0; from < documents.size(); from += BATCH) {
            List<Corpus.Document> batch = documents.subList(from, Math.min(documents.size(), from + BATCH));
            List<MemoryDraft> drafts = batch.stream()
                    .map(d -> MemoryDraft.of(RecordType.of("note"), d.text(), d.timestamp())).toList();
            List<MemoryRecord> stored = store.addAll(drafts);
            for (int i = 0; i < stored.size(); i++) {
                keys.put(stored.get(i).id(), batch.get(i).key());
            }
        }
        return keys;
    }

    /** {@code shared/data} in the first directory above the working directory that has it. */
    static Path findSharedData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("locomo-dev"))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no shared/data/locomo-dev above " + Path.of("").toAbsolutePath()
                + "; pass --data DIR");
    }

    /** Latencies in nanoseconds, for percentiles. */
    static final class Latencies {
        private final List<Long> nanos = new ArrayList<>();

        void add(long value) {
            nanos.add(value);
        }

        double percentileMs(int percentile) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }
}
