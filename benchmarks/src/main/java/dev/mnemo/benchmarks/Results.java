package dev.mnemo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of one run as the report needs them: JMH rows, the facts measured beside them and
 * the Python reference, with look-ups that join them by benchmark parameters.
 */
final class Results {
    /** The faiss backend's default efSearch: the {@code faiss-hnsw} variant without options. */
    static final int FAISS_DEFAULT_EF = 64;

    private final List<JmhResults.Row> rows;
    private final List<Map<String, Object>> facts;
    private final JsonNode python;

    Results(List<JmhResults.Row> rows, List<Map<String, Object>> facts, JsonNode python) {
        this.rows = List.copyOf(rows);
        this.facts = List.copyOf(facts);
        this.python = python;
    }

    /** Reads {@code jmh-*.json}, the facts and the Python reference of a results folder. */
    static Results read(Path dir) {
        List<JmhResults.Row> rows = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "jmh-*.json")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                rows.addAll(JmhResults.read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        JsonNode python = null;
        Path pythonFile = dir.resolve(ReportWriter.PYTHON);
        if (Files.exists(pythonFile)) {
            try {
                python = new ObjectMapper().readTree(pythonFile.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pythonFile, e);
            }
        }
        return new Results(rows, Facts.read(dir.resolve(ReportWriter.FACTS)), python);
    }

    List<JmhResults.Row> rows() {
        return rows;
    }

    /** The Python reference, or null when it did not run. */
    JsonNode python() {
        return python;
    }

    Optional<JmhResults.Row> faissAtEf(int ef, String size, String dim) {
        return rowsOf("SearchBenchmark").stream().filter(r -> size.equals(r.param("size")) && dim.equals(r.param("dim"))
                        && dataOf(r).equals(Workload.CLUSTERED))
                .filter(r -> {
                    Variant v = Variant.parse(r.param("variant"));
                    if (!v.base().equals("faiss-hnsw")) {
                        return false;
                    }
                    String configured = v.searchOptions().get("ef-search");
                    int used = configured == null ? FAISS_DEFAULT_EF : Integer.parseInt(configured);
                    return used == ef;
                }).findFirst();
    }

    Optional<JmhResults.Row> rawSearch(String variant, String size, String dim) {
        return rowsOf("SearchBenchmark").stream().filter(r -> Objects.equals(variant, r.param("variant"))
                && Objects.equals(size, r.param("size")) && Objects.equals(dim, r.param("dim"))
                && dataOf(r).equals(Workload.CLUSTERED)).findFirst();
    }

    double searchRecall(JmhResults.Row r) {
        return recall("search", r, "variant", "size", "dim", "data");
    }

    /** The data set of a row; rows without the parameter used the clustered data. */
    static String dataOf(JmhResults.Row r) {
        String data = r.param("data");
        return data == null ? Workload.CLUSTERED : data;
    }

    /** The variant, marked with its data set unless that is the clustered default. */
    static String label(JmhResults.Row r) {
        return r.param("variant") + (dataOf(r).equals(Workload.CLUSTERED) ? "" : " [" + dataOf(r) + "]");
    }

    /** The base name of the variant, marked with its data set unless that is the clustered default. */
    static String family(JmhResults.Row r) {
        String base = Variant.parse(r.param("variant")).base();
        return base + (dataOf(r).equals(Workload.CLUSTERED) ? "" : " [" + dataOf(r) + "]");
    }

    /**
     * Vectors per second of the raw build of a variant and dimension, from the build whose size is
     * nearest to {@code records} (HNSW builds slow down as the graph grows).
     */
    Optional<Double> buildRate(String variant, String dim, double records) {
        return rowsOf("BuildBenchmark").stream()
                .filter(b -> variant.equals(b.param("variant")) && dim.equals(b.param("dim")))
                .min(Comparator.comparingDouble(b -> Math.abs(Math.log(Double.parseDouble(b.param("size")) / records))))
                .map(b -> Double.parseDouble(b.param("size")) / (b.meanMs() / 1000));
    }

    List<JmhResults.Row> rowsOf(String benchmark) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    List<Map<String, Object>> factsOf(String kind) {
        return facts.stream().filter(f -> kind.equals(f.get("kind"))).toList();
    }

    double recall(String benchmark, JmhResults.Row row, String... keys) {
        return fact(Facts.RECALL, benchmark, row, keys).map(f -> number(f.get("recall"))).orElse(Double.NaN);
    }

    /** The last fact of a kind and benchmark whose values equal the row's parameters under the keys. */
    Optional<Map<String, Object>> fact(String kind, String benchmark, JmhResults.Row row, String... keys) {
        Map<String, Object> found = null;
        for (Map<String, Object> f : factsOf(kind)) {
            if (!benchmark.equals(f.get("benchmark"))) {
                continue;
            }
            boolean all = true;
            for (String key : keys) {
                all &= sameValue(f.get(key), row.param(key));
            }
            if (all) {
                found = f;
            }
        }
        return Optional.ofNullable(found);
    }

    static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Equal as numbers when both are numeric (JMH writes "0", a fact 0.0), else as text. */
    static boolean sameValue(Object fact, String param) {
        if (fact == null || param == null) {
            return fact == null && param == null;
        }
        String text = String.valueOf(fact);
        try {
            return Double.parseDouble(text) == Double.parseDouble(param);
        } catch (NumberFormatException e) {
            return text.equals(param);
        }
    }
}
