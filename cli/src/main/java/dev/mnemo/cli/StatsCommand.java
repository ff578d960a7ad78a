package dev.mnemo.cli;

import dev.mnemo.api.MemoryStats;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mnemo stats}: counts, sizes, backend and model of the store. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Prints the store's statistics.")
final class StatsCommand extends StoreCommand {

    @Override
    int run(MemoryService service, MemoryStore store) {
        MemoryStats s = store.stats();
        Map<String, Object> doc = Json.stats(global().storeLabel(), s, store.indexPath().toAbsolutePath().toString());
        if (global().json()) {
            printJson(doc);
        } else {
            print(doc);
        }
        return ExitCodes.OK;
    }

    void print(Map<String, Object> doc) {
        doc.forEach((k, v) -> out().printf("%-22s %s%n", k.replace('_', ' ') + ":", v));
        out().flush();
    }
}
