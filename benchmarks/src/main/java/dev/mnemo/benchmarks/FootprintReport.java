package dev.mnemo.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report's footprint section, from the {@link Facts#FOOTPRINT} facts of {@link FootprintBenchmark}. */
final class FootprintReport {
    /** Bytes per record of the Python store Mnemo replaces (SQLite rows + FAISS file, 384 dimensions). */
    static final double REPLACED_STORE_BYTES = 2400;
    /** Targets: (database + index) / (text + raw vector), per record. */
    static final double TARGET_FLAT = 1.6;
    static final double TARGET_GRAPH = 2.0;

    private FootprintReport() {
    }

    static void markdown(Results results, StringBuilder md) {
        List<Map<String, Object>> facts = results.factsOf(Facts.FOOTPRINT);
        if (facts.isEmpty()) {
            return;
        }
        md.append("## Disk footprint\n\n")
                .append("Conversation records stored with `addAll` (embedded through the store's cache, 1,000 per"
                        + " transaction), store closed, files measured. data = the record's text (UTF-8) + its raw"
                        + " float32 vector. ratio = (database + index) / data; target <= ")
                .append(TARGET_FLAT).append(" for exact and FAISS Flat, <= ").append(TARGET_GRAPH)
                .append(" for HNSW graphs. The Python store Mnemo replaces: ")
                .append(String.format(Locale.ROOT, "%.0f", REPLACED_STORE_BYTES))
                .append(" B per record at 384 dimensions.\n\n")
                .append("| variant | records | dim | page | data B/rec | database B/rec | WAL open / closed | index B/rec"
                        + " | total B/rec | ratio | target | vs replaced store |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> f : facts) {
            double n = Results.number(f.get("size"));
            double data = (Results.number(f.get("text_bytes")) + Results.number(f.get("vector_bytes"))) / n;
            double db = Results.number(f.get("database_bytes")) / n;
            double index = Results.number(f.get("index_bytes")) / n;
            double total = db + index;
            String variant = String.valueOf(f.get("variant"));
            double target = variant.contains("hnsw") || variant.startsWith("jvector") ? TARGET_GRAPH : TARGET_FLAT;
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %s / %s | %.0f | %.0f | %.2fx | %s %.1fx | %s |%n",
                    variant, n, Results.number(f.get("dim")), Results.number(f.get("pageSize")), data, db,
                    megabytes(f.get("wal_bytes_open")), megabytes(f.get("wal_bytes_closed")), index, total, total / data,
                    total / data <= target ? "met" : "missed", target,
                    Results.number(f.get("dim")) == 384 ? ReportWriter.times(total / REPLACED_STORE_BYTES) : "-"));
        }
        md.append("\nDatabase bytes per table and record (SQLite `dbstat`, indexes counted with their table):\n\n");
        for (Map<String, Object> f : facts) {
            double n = Results.number(f.get("size"));
            Object tables = f.get("tables");
            String perTable = tables instanceof Map<?, ?> m ? m.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.0f", Results.number(e.getValue()) / n))
                    .collect(Collectors.joining(", ")) : "-";
            md.append(String.format(Locale.ROOT, "- %s, %.0f x %.0f, page %.0f: %s; free %.0f%n", f.get("variant"), n,
                    Results.number(f.get("dim")), Results.number(f.get("pageSize")), perTable,
                    Results.number(f.get("free_bytes")) / n));
        }
        md.append('\n');
    }

    private static String megabytes(Object bytes) {
        return String.format(Locale.ROOT, "%.1f MB", Results.number(bytes) / 1e6);
    }
}
