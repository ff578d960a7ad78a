package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnemo prune --days N}: deletes records older than N days. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Deletes records whose timestamp is more than N days in the past (one transaction).")
final class PruneCommand extends StoreCommand {
    @Option(names = "--days", required = true, paramLabel = "N", description = "Age limit in days (0 deletes everything up to now).")
    private int days;

    @Override
    int run(MemoryService service, MemoryStore store) {
        int deleted = store.deleteOlderThan(days);
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("deleted", deleted);
            doc.put("days", days);
            printJson(doc);
        } else {
            out().printf("deleted %d record(s) older than %d day(s) from %s%n", deleted, days, global().storeLabel());
        }
        return ExitCodes.OK;
    }
}
