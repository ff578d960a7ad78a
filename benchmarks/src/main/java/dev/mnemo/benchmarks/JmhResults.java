package dev.mnemo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's JSON result format into rows with times in milliseconds. */
public final class JmhResults {
    private JmhResults() {
    }

    /**
     * One benchmark result.
     *
     * @param benchmark  simple class name, e.g. {@code SearchBenchmark}
     * @param method     benchmark method
     * @param mode       JMH mode ({@code sample}, {@code ss}, {@code avgt}, ...)
     * @param params     parameter values as JMH wrote them
     * @param meanMs     the score (mean time per operation) in milliseconds
     * @param p50Ms      median in ms, NaN when the mode has no percentiles
     * @param p99Ms      99th percentile in ms, NaN when the mode has no percentiles
     * @param samples    how many operations were sampled or timed
     * @param jvm        the fork JVM and version
     */
    public record Row(String benchmark, String method, String mode, Map<String, String> params, double meanMs,
                      double p50Ms, double p99Ms, long samples, String jvm) {

        /** A parameter value, or null. */
        public String param(String name) {
            return params.get(name);
        }
    }

    /** Every row of one JMH JSON file. */
    public static List<Row> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file, e);
        }
        List<Row> rows = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return rows;
        }
        for (JsonNode entry : root) {
            String full = entry.path("benchmark").asText();
            int dot = full.lastIndexOf('.');
            String method = full.substring(dot + 1);
            String cls = full.substring(0, Math.max(0, dot));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                params.put(p.getKey(), p.getValue().asText());
            }
            JsonNode metric = entry.path("primaryMetric");
            double toMs = millisPer(metric.path("scoreUnit").asText());
            JsonNode pct = metric.path("scorePercentiles");
            double p50 = pct.has("50.0") ? pct.get("50.0").asDouble() * toMs : Double.NaN;
            double p99 = pct.has("99.0") ? pct.get("99.0").asDouble() * toMs : Double.NaN;
            String jvm = entry.path("vmName").asText("") + " " + entry.path("jdkVersion").asText("");
            rows.add(new Row(cls, method, entry.path("mode").asText(), params, metric.path("score").asDouble() * toMs,
                    p50, p99, countSamples(metric.path("rawDataHistogram"), metric.path("rawData")), jvm.trim()));
        }
        return rows;
    }

    /** Milliseconds in one unit of a JMH score unit such as {@code us/op}. */
    static double millisPer(String scoreUnit) {
        String unit = scoreUnit.contains("/") ? scoreUnit.substring(0, scoreUnit.indexOf('/')) : scoreUnit;
        return switch (unit) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            case "min" -> 60e3;
            default -> throw new IllegalArgumentException("not a time unit: '" + scoreUnit + "'");
        };
    }

    /** Sampled operations (SampleTime histograms hold [value, count] pairs) or single-shot measurements. */
    private static long countSamples(JsonNode histogram, JsonNode raw) {
        long count = 0;
        if (histogram.isArray() && histogram.size() > 0) {
            for (JsonNode fork : histogram) {
                for (JsonNode iteration : fork) {
                    for (JsonNode pair : iteration) {
                        count += pair.get(1).asLong();
                    }
                }
            }
            return count;
        }
        for (JsonNode fork : raw) {
            count += fork.size();
        }
        return count;
    }
}
