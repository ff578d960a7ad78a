package dev.mnemo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The targets of {@code docs/performance.md} next to what this run measured. The targets are
 * stated at 100k x 384; a run at another size is compared as measured (and says so), except the
 * exact-scan reference, which is scaled linearly with the number of vectors.
 */
final class TargetCheck {
    private static final double END_TO_END_MS = 1.9;
    private static final double STORE_OVER_RAW = 1.3;
    private static final double JVECTOR_MS_AT_095 = 0.25;
    private static final double BINDING_OVER_PYTHON = 1.05;
    private static final double EXACT_REFERENCE_MS_100K = 7.2;
    private static final double EXACT_ALLOWANCE = 1.2;
    private static final double FILTERED_RECALL = 0.95;
    private static final double FILTERED_MS = 1.5;
    private static final double ONE_BY_ONE_PER_S = 2_000;
    private static final double BATCHED_EXACT_PER_S = 80_000;
    private static final double HNSW_INGEST_OVER_BUILD = 0.8;
    private static final double MEMORY_OVER_RAW = 1.5;
    private static final double OPEN_1M_MS = 5_000;

    private final Results results;
    private final List<String[]> lines = new ArrayList<>();

    private TargetCheck(Results results) {
        this.results = results;
    }

    /** The markdown section; empty when the run measured nothing the targets speak about. */
    static String markdown(Results results) {
        TargetCheck check = new TargetCheck(results);
        check.storeTargets();
        check.annTargets();
        check.pythonTarget();
        check.exactTarget();
        check.filteredTargets();
        check.ingestTargets();
        check.memoryTargets();
        check.openTargets();
        if (check.lines.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Against the targets (docs/performance.md, stated at 100k x 384)\n\n")
                .append("| target | measured | at | verdict |\n|---|---|---|---|\n");
        for (String[] l : check.lines) {
            md.append("| ").append(String.join(" | ", l)).append(" |\n");
        }
        return md.append('\n').toString();
    }

    private void storeTargets() {
        for (JmhResults.Row r : results.rowsOf("StoreSearchBenchmark")) {
            String at = at(r);
            double raw = results.rawSearch(r.param("variant"), r.param("size"), r.param("dim"))
                    .map(JmhResults.Row::p50Ms).orElse(Double.NaN);
            String ranking = (Double.parseDouble(r.param("recency")) == 0 ? "similarity ranking" : "default ranking")
                    + ("off".equals(r.param("monitoring")) ? ", monitoring off" : "");
            if (ranking.startsWith("default ranking")) {
                add("search end to end p50 <= " + END_TO_END_MS + " ms (" + r.param("variant") + ", " + ranking + ")",
                        ReportWriter.ms(r.p50Ms()) + " ms", at, r.p50Ms(), r.p50Ms() <= END_TO_END_MS);
            }
            add("store p50 <= " + STORE_OVER_RAW + "x raw index (" + r.param("variant") + ", " + ranking + ")",
                    ReportWriter.times(r.p50Ms() / raw), at, raw, r.p50Ms() / raw <= STORE_OVER_RAW);
        }
    }

    private void annTargets() {
        results.rowsOf("SearchBenchmark").stream()
                .filter(r -> Results.dataOf(r).equals(Workload.CLUSTERED))
                .filter(r -> Variant.parse(r.param("variant")).base().equals("jvector"))
                .filter(r -> results.searchRecall(r) >= 0.95)
                .collect(Collectors.groupingBy(r -> r.param("size") + "x" + r.param("dim")))
                .forEach((size, rows) -> rows.stream().min(Comparator.comparingDouble(JmhResults.Row::p50Ms)).ifPresent(best ->
                        add("JVector p50 <= " + JVECTOR_MS_AT_095 + " ms at recall@10 >= 0.95",
                                ReportWriter.ms(best.p50Ms()) + " ms (" + best.param("variant") + ", recall "
                                        + ReportWriter.ratio(results.searchRecall(best)) + ")", at(best),
                                best.p50Ms(), best.p50Ms() <= JVECTOR_MS_AT_095)));
    }

    private void pythonTarget() {
        JsonNode python = results.python();
        if (python == null) {
            return;
        }
        for (JsonNode r : python.path("results")) {
            int ef = r.path("efSearch").asInt();
            results.faissAtEf(ef, python.path("size").asText(), python.path("dim").asText()).ifPresent(java -> {
                double ratio = java.p50Ms() / r.path("p50_ms").asDouble();
                add("FAISS binding p50 within " + BINDING_OVER_PYTHON + "x of python3-faiss (efSearch " + ef + ")",
                        ReportWriter.times(ratio), at(java), ratio, ratio <= BINDING_OVER_PYTHON);
            });
        }
    }

    private void exactTarget() {
        for (JmhResults.Row r : results.rowsOf("SearchBenchmark")) {
            if (!r.param("variant").equals("exact") || !"384".equals(r.param("dim"))
                    || !Results.dataOf(r).equals(Workload.CLUSTERED)) {
                continue;
            }
            double reference = EXACT_REFERENCE_MS_100K * Double.parseDouble(r.param("size")) / 100_000;
            add("exact p50 within " + EXACT_ALLOWANCE + "x of the Vector-API scan (" + ReportWriter.ms(reference)
                            + " ms at this size, scaled from 7.2 ms at 100k)",
                    ReportWriter.ms(r.p50Ms()) + " ms = " + ReportWriter.times(r.p50Ms() / reference), at(r),
                    r.p50Ms(), r.p50Ms() <= EXACT_ALLOWANCE * reference);
        }
    }

    private void filteredTargets() {
        Map<String, List<JmhResults.Row>> byVariant = results.rowsOf("FilteredSearchBenchmark").stream()
                .collect(Collectors.groupingBy(r -> r.param("variant") + "|" + r.param("size") + "x" + r.param("dim"),
                        LinkedHashMap::new, Collectors.toList()));
        byVariant.forEach((key, rows) -> {
            double minRecall = rows.stream().mapToDouble(r -> results.recall("filtered", r, "variant", "size", "dim",
                    "selectivity")).min().orElse(Double.NaN);
            double maxP50 = rows.stream().mapToDouble(JmhResults.Row::p50Ms).max().orElse(Double.NaN);
            String variant = key.substring(0, key.indexOf('|'));
            add("filtered recall@10 >= " + FILTERED_RECALL + " at every selectivity (" + variant + ")",
                    "min " + ReportWriter.ratio(minRecall), at(rows.get(0)), minRecall, minRecall >= FILTERED_RECALL);
            add("filtered p50 <= " + FILTERED_MS + " ms at every selectivity (" + variant + ")",
                    "max " + ReportWriter.ms(maxP50) + " ms", at(rows.get(0)), maxP50, maxP50 <= FILTERED_MS);
        });
    }

    private void ingestTargets() {
        for (JmhResults.Row r : results.rowsOf("IngestBenchmark")) {
            double perSecond = Double.parseDouble(r.param("records")) / (r.meanMs() / 1000);
            String variant = r.param("variant");
            String at = r.param("records") + " records x " + r.param("dim");
            if ("one".equals(r.param("mode"))) {
                add("one-by-one durable ingest >= 2,000 rec/s (" + variant + ")",
                        String.format(Locale.ROOT, "%,.0f rec/s", perSecond), at, perSecond, perSecond >= ONE_BY_ONE_PER_S);
            } else if (variant.equals("exact")) {
                add("batched ingest into exact >= 80,000 rec/s", String.format(Locale.ROOT, "%,.0f rec/s", perSecond), at,
                        perSecond, perSecond >= BATCHED_EXACT_PER_S);
            } else if (!variant.startsWith("faiss-flat")) {
                results.buildRate(variant, r.param("dim"), Double.parseDouble(r.param("records"))).ifPresent(build ->
                        add("batched ingest into " + variant + " >= " + HNSW_INGEST_OVER_BUILD + "x its build throughput",
                                ReportWriter.times(perSecond / build), at, build, perSecond / build >= HNSW_INGEST_OVER_BUILD));
            }
        }
    }

    private void memoryTargets() {
        for (Map<String, Object> f : results.factsOf(Facts.MEMORY)) {
            double heap = Results.number(f.get("heapBytes"));
            double resident = Math.max(0, Results.number(f.get("residentBytes")));
            double ratio = (heap + resident) / Results.number(f.get("rawVectorBytes"));
            add("index memory <= " + MEMORY_OVER_RAW + "x the raw vector bytes (" + f.get("variant") + ")",
                    ReportWriter.times(ratio), f.get("size") + " x " + f.get("dim"), ratio, ratio <= MEMORY_OVER_RAW);
        }
    }

    private void openTargets() {
        for (JmhResults.Row r : results.rowsOf("OpenBenchmark")) {
            if (Double.parseDouble(r.param("size")) >= 1_000_000) {
                add("open and reconcile a 1M-record store < 5 s (" + r.param("variant") + ", " + r.param("behind")
                                + " changes to replay)", ReportWriter.ms(r.meanMs()) + " ms", at(r), r.meanMs(),
                        r.meanMs() < OPEN_1M_MS);
            }
        }
    }

    private static String at(JmhResults.Row r) {
        return r.param("size") + " x " + r.param("dim");
    }

    /** One line; {@code value} is the compared figure, NaN when it was not measured ("n/a"). */
    private void add(String target, String measured, String at, double value, boolean met) {
        lines.add(new String[] {target, measured, at, Double.isNaN(value) ? "n/a" : met ? "met" : "**missed**"});
    }
}
