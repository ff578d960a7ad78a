package dev.mnemo.cli;

import dev.mnemo.api.MemoryStats;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.monitor.OperationReport;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code mnemo stats}: counts, sizes, backend and model of the store. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Prints the store's statistics.")
final class StatsCommand extends StoreCommand {

    @Override
    int run(MemoryService service, MemoryStore store) {
        MemoryStats s = store.stats();
        Map<String, Object> doc = Json.stats(global().storeLabel(), s, store.databaseLocation(), store.indexPath().toAbsolutePath().toString());
        OperationReport report = store.operationReport();
        if (global().json()) {
            doc.putAll(Json.operations(report));
            printJson(doc);
        } else {
            doc.forEach((k, v) -> {
                if (v instanceof Map<?, ?> m && k.equals("table_bytes")) {
                    out().printf("%s%n", "table bytes:");
                    m.forEach((table, bytes) -> out().printf(Locale.ROOT, "  %-22s %,d%n", table, (Long) bytes));
                } else {
                    out().printf("%-24s %s%n", k.replace('_', ' ') + ":", v);
                }
            });
            print(report);
            out().flush();
        }
        return ExitCodes.OK;
    }

    private void print(OperationReport report) {
        if (report.operations().isEmpty()) {
            return;
        }
        out().println("recent operations (persisted log):");
        new TreeMap<>(report.operations()).forEach((name, o) -> out().printf(Locale.ROOT,
                "  %-22s %7d x  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms%n", name, o.count(), o.p50Millis(),
                o.p99Millis(), o.maxMillis()));
        if (!report.slowestSearches().isEmpty()) {
            out().println("slowest recent searches:");
            report.slowestSearches().forEach(x -> out().printf(Locale.ROOT, "  %8.2f ms  %s  %s%n", x.millis(), x.at(),
                    x.plan()));
        }
    }
}
