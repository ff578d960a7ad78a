package dev.mnemo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one results folder ({@code jmh-*.json}, {@code facts.jsonl}, {@code python-faiss.json})
 * into {@code report.md} and {@code latency-recall.png}. Usable on its own:
 * {@code java -cp benchmarks.jar dev.mnemo.benchmarks.ReportWriter <folder>}.
 */
public final class ReportWriter {
    public static final String REPORT = "report.md";
    public static final String CHART = "latency-recall.png";
    public static final String FACTS = "facts.jsonl";
    public static final String PYTHON = "python-faiss.json";
    private final Results results;
    private final JsonNode python;

    ReportWriter(Results results) {
        this.results = results;
        this.python = results.python();
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReportWriter <results folder>");
        }
        Path report = write(Path.of(args[0]));
        System.out.println("report: " + report.toAbsolutePath());
    }

    /** Reads the folder's results and writes the report and chart into it; returns the report. */
    public static Path write(Path dir) {
        ReportWriter writer = new ReportWriter(Results.read(dir));
        Path report = dir.resolve(REPORT);
        try {
            Files.writeString(report, writer.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        LatencyRecallChart.write(writer.chartSeries(), dir.resolve(CHART));
        return report;
    }

    /** The whole report as markdown. */
    String markdown() {
        StringBuilder md = new StringBuilder("# Mnemo benchmarks\n\n");
        environment(md);
        md.append(TargetCheck.markdown(results));
        bestConfigurations(md);
        search(md);
        filtered(md);
        store(md);
        storeFilter(md);
        build(md);
        ingest(md);
        open(md);
        FootprintReport.markdown(results, md);
        pythonReference(md);
        skipped(md);
        return md.toString();
    }

    private void environment(StringBuilder md) {
        md.append("k = 10 everywhere; single-thread queries; clustered data (1,000 Gaussian centres, L2-normalised,"
                + " fixed seed); latency percentiles from JMH SampleTime; recall@10 against the exact scan on the"
                + " same queries. Chart: [").append(CHART).append("](").append(CHART).append(").\n\n");
        for (Map<String, Object> f : results.factsOf(Facts.ENVIRONMENT)) {
            md.append("- ").append(f.get("what")).append(": ").append(f.get("value")).append('\n');
        }
        results.rows().stream().map(JmhResults.Row::jvm).distinct().forEach(j -> md.append("- fork JVM: ").append(j).append('\n'));
        md.append('\n');
    }

    /** Per backend and size: the fastest measured configuration reaching recall 0.95 and 0.99. */
    private void bestConfigurations(StringBuilder md) {
        List<JmhResults.Row> search = results.rowsOf("SearchBenchmark");
        if (search.isEmpty()) {
            return;
        }
        md.append("## Which configuration: fastest p50 reaching recall@10 >= 0.95 and >= 0.99\n\n")
                .append("| backend | size | dim | >= 0.95: variant | p50 ms | recall | >= 0.99: variant | p50 ms | recall |\n")
                .append("|---|---:|---:|---|---:|---:|---|---:|---:|\n");
        Set<String> groups = new LinkedHashSet<>();
        for (JmhResults.Row r : search) {
            groups.add(Results.family(r) + "|" + r.param("size") + "|" + r.param("dim"));
        }
        for (String group : groups) {
            String[] g = group.split("\\|");
            List<JmhResults.Row> members = search.stream().filter(r -> Results.family(r).equals(g[0])
                    && g[1].equals(r.param("size")) && g[2].equals(r.param("dim"))).toList();
            md.append("| ").append(g[0]).append(" | ").append(g[1]).append(" | ").append(g[2]);
            for (double target : new double[] {0.95, 0.99}) {
                Optional<JmhResults.Row> best = members.stream()
                        .filter(r -> results.searchRecall(r) >= target)
                        .min(Comparator.comparingDouble(JmhResults.Row::p50Ms));
                md.append(best.map(r -> " | " + r.param("variant") + " | " + ms(r.p50Ms()) + " | "
                        + ratio(results.searchRecall(r))).orElse(" | not reached | - | -"));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private void search(StringBuilder md) {
        List<JmhResults.Row> search = results.rowsOf("SearchBenchmark");
        if (search.isEmpty()) {
            return;
        }
        md.append("## Search, raw index\n\n| variant | size | dim | p50 ms | p99 ms | mean ms | recall@10 |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (JmhResults.Row r : search) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", Results.label(r),
                    r.param("size"), r.param("dim"), ms(r.p50Ms()), ms(r.p99Ms()), ms(r.meanMs()),
                    ratio(results.searchRecall(r))));
        }
        md.append('\n');
    }

    private void filtered(StringBuilder md) {
        List<JmhResults.Row> filtered = results.rowsOf("FilteredSearchBenchmark");
        if (filtered.isEmpty()) {
            return;
        }
        md.append("## Filtered search (IdFilter)\n\n| variant | size | dim | selectivity | allowed ids | p50 ms | p99 ms"
                + " | recall@10 vs filtered exact |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JmhResults.Row r : filtered) {
            Optional<Map<String, Object>> fact = results.fact(Facts.RECALL, "filtered", r, "variant", "size", "dim", "selectivity");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.param("variant"),
                    r.param("size"), r.param("dim"), percent(Double.parseDouble(r.param("selectivity"))),
                    fact.map(f -> String.valueOf(f.get("allowed"))).orElse("?"), ms(r.p50Ms()), ms(r.p99Ms()),
                    ratio(fact.map(f -> Results.number(f.get("recall"))).orElse(Double.NaN))));
        }
        md.append('\n');
    }

    private void store(StringBuilder md) {
        List<JmhResults.Row> store = results.rowsOf("StoreSearchBenchmark");
        if (store.isEmpty()) {
            return;
        }
        md.append("## Through the store (`MemoryStore.search(float[])`, embedding excluded)\n\n")
                .append("recency 0: similarity ranking, k candidates (like for like with the raw index);"
                        + " 0.1: the default ranking, re-ranking max(4k, 50) candidates. monitoring on: the default"
                        + " persisted operation log; off: mnemo.monitoring.history=0. Ratio = store p50 / raw index p50.\n\n")
                .append("| variant | size | dim | recency | monitoring | store p50 ms | store p99 ms | raw p50 ms | store/raw | recall@10 |\n")
                .append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (JmhResults.Row r : store) {
            double raw = results.rawSearch(r.param("variant"), r.param("size"), r.param("dim")).map(JmhResults.Row::p50Ms)
                    .orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.param("variant"),
                    r.param("size"), r.param("dim"), r.param("recency"), Objects.requireNonNullElse(r.param("monitoring"), "on"),
                    ms(r.p50Ms()), ms(r.p99Ms()), ms(raw), times(r.p50Ms() / raw),
                    ratio(results.recall("store", r, "variant", "size", "dim", "recency", "monitoring"))));
        }
        md.append('\n');
    }

    private void storeFilter(StringBuilder md) {
        List<JmhResults.Row> rows = results.rowsOf("StoreFilterBenchmark");
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Metadata filter against type filter (`MemoryStore.search(float[])`, same allowed records)\n\n")
                .append("Each filtered row allows the same 10% of the records (type `t3`, `group = 3` as a long, `label = \"g3\"`);"
                        + " `none` is unfiltered. Ratio = p50 / the type filter's p50 of the same backend and run.\n\n")
                .append("| variant | size | dim | filter | allowed | p50 ms | p99 ms | / type p50 | recall@10 |\n")
                .append("|---|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (JmhResults.Row r : rows) {
            double type = rows.stream().filter(t -> "type".equals(t.param("filter"))
                            && Objects.equals(t.param("variant"), r.param("variant")) && Objects.equals(t.param("size"), r.param("size"))
                            && Objects.equals(t.param("dim"), r.param("dim")))
                    .mapToDouble(JmhResults.Row::p50Ms).findFirst().orElse(Double.NaN);
            Optional<Map<String, Object>> fact = results.fact(Facts.RECALL, "store-filter", r, "variant", "size", "dim", "filter");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.param("variant"),
                    r.param("size"), r.param("dim"), r.param("filter"), fact.map(f -> String.valueOf(f.get("allowed"))).orElse("?"),
                    ms(r.p50Ms()), ms(r.p99Ms()), times(r.p50Ms() / type),
                    ratio(fact.map(f -> Results.number(f.get("recall"))).orElse(Double.NaN))));
        }
        md.append('\n');
    }

    private void build(StringBuilder md) {
        List<JmhResults.Row> build = results.rowsOf("BuildBenchmark");
        if (build.isEmpty()) {
            return;
        }
        md.append("## Index build and memory\n\nOne `addAll` of every vector into a new index (mean of the timed"
                + " builds), with each backend's own threading (FAISS: `omp-threads`, default 1; JVector: its"
                + " physical-core pool). Memory measured once per fork around the first build: live heap after GC, and the"
                + " resident-set growth (native memory; the heap is fixed and pre-touched).\n\n")
                .append("| variant | size | dim | build s | vectors/s | heap MB | resident MB | (heap+resident) / raw vectors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JmhResults.Row r : build) {
            Optional<Map<String, Object>> mem = results.fact(Facts.MEMORY, "build", r, "variant", "size", "dim");
            double heap = mem.map(f -> Results.number(f.get("heapBytes"))).orElse(Double.NaN);
            double resident = mem.map(f -> Results.number(f.get("residentBytes"))).orElse(Double.NaN);
            double raw = mem.map(f -> Results.number(f.get("rawVectorBytes"))).orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %,.0f | %.1f | %.1f | %s |%n", r.param("variant"),
                    r.param("size"), r.param("dim"), r.meanMs() / 1000, Double.parseDouble(r.param("size")) / (r.meanMs() / 1000),
                    heap / 1e6, resident / 1e6, times((heap + Math.max(0, resident)) / raw)));
        }
        md.append('\n');
    }

    private void ingest(StringBuilder md) {
        List<JmhResults.Row> ingest = results.rowsOf("IngestBenchmark");
        if (ingest.isEmpty()) {
            return;
        }
        md.append("## Ingest through the store (`addAllWithVectors`, durable commits)\n\n")
                .append("one: a transaction per record; batch: ").append(StoreFixture.BATCH)
                .append(" per transaction. vs build (batched only) = records/s divided by the raw index build's vectors/s (same variant and dim, nearest size).\n\n")
                .append("| variant | dim | mode | records | records/s | vs build |\n|---|---:|---|---:|---:|---:|\n");
        for (JmhResults.Row r : ingest) {
            double perSecond = Double.parseDouble(r.param("records")) / (r.meanMs() / 1000);

            double buildRate = results.buildRate(r.param("variant"), r.param("dim"), Double.parseDouble(r.param("records")))
                    .orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %,.0f | %s |%n", r.param("variant"), r.param("dim"),
                    r.param("mode"), r.param("records"), perSecond,
                    "batch".equals(r.param("mode")) ? times(perSecond / buildRate) : "-"));
        }
        md.append('\n');
    }

    private void open(StringBuilder md) {
        List<JmhResults.Row> open = results.rowsOf("OpenBenchmark");
        if (open.isEmpty()) {
            return;
        }
        md.append("## Opening a store (service, schema check, index file load, change-log reconcile)\n\n")
                .append("behind: records committed after the index file was saved, replayed from the change log on open."
                        + " Warm page cache; mean of the single-shot opens.\n\n")
                .append("| variant | size | dim | behind | open ms |\n|---|---:|---:|---:|---:|\n");
        for (JmhResults.Row r : open) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", r.param("variant"), r.param("size"),
                    r.param("dim"), r.param("behind"), ms(r.meanMs())));
        }
        md.append('\n');
    }

    private void pythonReference(StringBuilder md) {
        if (python == null) {
            return;
        }
        String size = python.path("size").asText();
        String dim = python.path("dim").asText();
        md.append("## FAISS binding vs python3-faiss (same vectors, ").append(python.path("factory").asText())
                .append(", efConstruction ").append(python.path("efConstruction").asText()).append(", 1 OpenMP thread, ")
                .append(size).append(" x ").append(dim).append(")\n\n")
                .append(python.path("engine").asText()).append("; Python build ")
                .append(String.format(Locale.ROOT, "%.1f s", python.path("build_seconds").asDouble()))
                .append(". Ratio = Java binding p50 / Python p50 (JMH SampleTime vs perf_counter_ns per call).\n\n")
                .append("| efSearch | python p50 ms | python p99 ms | python recall | binding p50 ms | binding p99 ms | binding recall | binding/python |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode r : python.path("results")) {
            int ef = r.path("efSearch").asInt();
            Optional<JmhResults.Row> java = results.faissAtEf(ef, size, dim);
            double javaP50 = java.map(JmhResults.Row::p50Ms).orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |%n", ef, ms(r.path("p50_ms").asDouble()),
                    ms(r.path("p99_ms").asDouble()), ratio(r.path("recall").asDouble()), ms(javaP50),
                    ms(java.map(JmhResults.Row::p99Ms).orElse(Double.NaN)),
                    ratio(java.map(results::searchRecall).orElse(Double.NaN)),
                    times(javaP50 / r.path("p50_ms").asDouble())));
        }
        md.append('\n');
    }

    private void skipped(StringBuilder md) {
        List<Map<String, Object>> skipped = results.factsOf(Facts.SKIPPED);
        if (skipped.isEmpty()) {
            return;
        }
        md.append("## Skipped\n\n");
        for (Map<String, Object> f : skipped) {
            md.append("- ").append(f.get("what")).append(": ").append(f.get("reason")).append('\n');
        }
        md.append('\n');
    }

    /** Points of the chart: raw search per variant family, size and dim, plus the Python reference. */
    List<LatencyRecallChart.Point> chartSeries() {
        List<LatencyRecallChart.Point> points = new ArrayList<>();
        for (JmhResults.Row r : results.rowsOf("SearchBenchmark")) {
            points.add(new LatencyRecallChart.Point(Results.family(r) + " " + r.param("size") + "x" + r.param("dim"),
                    r.p50Ms(), results.searchRecall(r)));
        }
        if (python != null) {
            for (JsonNode r : python.path("results")) {
                points.add(new LatencyRecallChart.Point("python3-faiss HNSW32 " + python.path("size").asText() + "x"
                        + python.path("dim").asText(), r.path("p50_ms").asDouble(), r.path("recall").asDouble()));
            }
        }
        return points;
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.3f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String times(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%s%%", new BigDecimal(fraction * 100).round(new MathContext(3))
                .stripTrailingZeros().toPlainString());
    }
}
