package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mnemo reindex}: rebuilds the vector index from the vectors in the database. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuilds the vector index from the database (the source of truth).",
            "Safe to interrupt: the old index file is replaced only when the new one is complete."})
final class ReindexCommand extends StoreCommand {

    @Override
    int run(MemoryService service, MemoryStore store) {
        long started = System.nanoTime();
        store.rebuildIndex();
        double seconds = (System.nanoTime() - started) / 1e9;
        long size = store.stats().indexSize();
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("index_backend", service.backend().provider().name());
            doc.put("index_size", size);
            doc.put("seconds", seconds);
            printJson(doc);
        } else {
            out().printf(Locale.ROOT, "rebuilt the %s index of %s: %d vectors in %.2f s%n",
                    service.backend().provider().name(), global().storeLabel(), size, seconds);
        }
        return ExitCodes.OK;
    }
}
