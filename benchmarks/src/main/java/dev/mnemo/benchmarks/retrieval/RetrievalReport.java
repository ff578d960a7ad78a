package dev.mnemo.benchmarks.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the retrieval plan's {@code report.md}: one table per data set, LoCoMo per category. */
public final class RetrievalReport {
    /** The report's file name. */
    public static final String REPORT = "report.md";
    private static final Map<Integer, String> LOCOMO_CATEGORIES = Map.of(
            1, "multi-hop", 2, "temporal", 3, "open-domain", 4, "single-hop");

    private RetrievalReport() {
    }

    /** Writes {@code out/report.md} and returns its path. */
    public static Path write(Path out, Map<String, String> environment, Map<String, List<Corpus>> datasets,
                             List<SystemResult> results) {
        try {
            Files.createDirectories(out);
            Path file = out.resolve(REPORT);
            Files.writeString(file, render(environment, datasets, results), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out, e);
        }
    }

    static String render(Map<String, String> environment, Map<String, List<Corpus>> datasets, List<SystemResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Retrieval quality: ").append(LocalDate.now(ZoneOffset.UTC)).append(", commit ")
                .append(environment.getOrDefault("commit", "unknown")).append("\n\n");
        md.append("""
                Written by `benchmarks/run.sh retrieval` (`dev.mnemo.benchmarks.retrieval.RetrievalBenchmark`).
                Protocol of `shared/data/README.md`: one store per LoCoMo conversation, one record per turn
                (`"<speaker>: <text>"` plus the photo caption), the questions of categories 1-4 with evidence;
                one store of CMRC 2018 trial sentences (split after 。！？!?), evidence = the sentence holding the
                answer. Mnemo rows are real stores (SQLite, `exact` backend, the `onnx` provider with
                `mnemo.embedding.onnx.model` set to the model), searched with the store's default request
                (recency weight 0.1) at k = 10 in each search mode: `Mnemo vector` (the model's nearest
                neighbours), `Mnemo keyword` (FTS5 `bm25()` over the Lucene-analysed terms: stemmed English,
                CJK unigrams + bigrams; the same for every model) and `Mnemo hybrid` (the default: both legs
                fused by reciprocal rank, k = 60). "query instruction" = the model's retrieval prefix put before
                the question, vector mode only (the `EmbeddingModel` interface embeds queries and records alike,
                so a store does not do this today, and a search by vector has no text for the keyword leg).
                BM25 is a plain Okapi BM25 (k1 1.2, b 0.75) computed in the benchmark over the same records.
                Latency is per question, one thread, including query embedding for Mnemo (every mode embeds
                the query, as similarity is reported for each hit; the embedding cache is off, so no mode
                profits from another's questions); ingest is records/s through `addAll` in batches
                of 256, embedding and keyword analysis included, the same stores for every mode. MRR is MRR@10.

                """);
        md.append("| environment | |\n|---|---|\n");
        environment.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        for (Map.Entry<String, List<Corpus>> dataset : datasets.entrySet()) {
            List<SystemResult> rows = results.stream().filter(r -> r.dataset().equals(dataset.getKey())).toList();
            int questions = dataset.getValue().stream().mapToInt(c -> c.questions().size()).sum();
            int records = dataset.getValue().stream().mapToInt(c -> c.documents().size()).sum();
            md.append("\n## ").append(dataset.getKey()).append(": ").append(questions).append(" questions, ")
                    .append(records).append(" records in ").append(dataset.getValue().size())
                    .append(dataset.getValue().size() == 1 ? " store" : " stores").append("\n\n");
            md.append("| system | model / terms | query instruction | recall@5 | recall@10 | hit@10 | MRR | nDCG@10 "
                    + "| search p50 ms | search p99 ms | ingest records/s |\n");
            md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (SystemResult r : rows) {
                RankingMetrics m = r.summary().overall();
                md.append("| ").append(r.system()).append(" | ").append(r.model()).append(" | ")
                        .append(instruction(r)).append(" | ")
                        .append(f3(m.recallAt5())).append(" | ").append(f3(m.recallAt10())).append(" | ")
                        .append(f3(m.hitAt10())).append(" | ").append(f3(m.reciprocalRank())).append(" | ")
                        .append(f3(m.ndcgAt10())).append(" | ").append(ms(r.p50Ms())).append(" | ")
                        .append(ms(r.p99Ms())).append(" | ").append(rate(r.ingestPerSecond())).append(" |\n");
            }
            if (dataset.getKey().equals(RetrievalBenchmark.LOCOMO) && !rows.isEmpty()) {
                perCategory(md, rows);
            }
        }
        return md.toString();
    }

    private static void perCategory(StringBuilder md, List<SystemResult> rows) {
        Map<Integer, Integer> counts = rows.get(0).summary().categoryCounts();
        md.append("\nPer LoCoMo category, recall@10 (hit@10):\n\n| system | model / terms | query instruction |");
        counts.forEach((category, n) -> md.append(' ').append(category).append(' ')
                .append(LOCOMO_CATEGORIES.getOrDefault(category, "?")).append(" (").append(n).append(") |"));
        md.append("\n|---|---|---|").append("---:|".repeat(counts.size())).append('\n');
        for (SystemResult r : rows) {
            md.append("| ").append(r.system()).append(" | ").append(r.model()).append(" | ").append(instruction(r)).append(" |");
            r.summary().perCategory().forEach((category, m) -> md.append(' ').append(f3(m.recallAt10()))
                    .append(" (").append(f3(m.hitAt10())).append(") |"));
            md.append('\n');
        }
    }

    private static String instruction(SystemResult r) {
        return r.system().equals("BM25") ? "" : r.queryInstruction() ? "yes" : "no";
    }

    static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, value < 1 ? "%.3f" : "%.1f", value);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
