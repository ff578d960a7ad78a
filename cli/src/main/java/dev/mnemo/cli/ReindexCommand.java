package dev.mnemo.cli;

import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.Reembedder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mnemo reindex}: rebuilds the vector index from the vectors in the database, or with
 * {@code --reembed} moves the store to the configured embedding model.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuilds the vector index and the keyword index from the database (the source of truth).",
            "Safe to interrupt: the old index file is replaced only when the new one is complete.",
            "--reembed: embeds every record with the configured model into a new store, verifies it,",
            "then swaps it in; the old store is kept as <name>.before-reembed-<millis>."})
final class ReindexCommand extends BaseCommand {

    @Option(names = "--reembed", description = "Re-embed every record with the configured model (after a model change).")
    private boolean reembed;

    @Override
    public Integer call() {
        global().checkStoreSelection(); // before the (possibly slow) model loads
        MnemoConfig config = config();
        try (StoreProgress progress = new StoreProgress();
             MemoryService service = MemoryService.builder(config).progress(progress).build()) {
            return reembed ? reembed(service) : rebuild(service, global().openStore(service));
        }
    }

    private int rebuild(MemoryService service, MemoryStore store) {
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
            out().printf(Locale.ROOT, "rebuilt the %s index and the keyword index of %s: %d vectors in %.2f s%n",
                    service.backend().provider().name(), global().storeLabel(), size, seconds);
        }
        return ExitCodes.OK;
    }

    private int reembed(MemoryService service) {
        long started = System.nanoTime();
        Reembedder.Result result = global().explicitStory().isPresent()
                ? service.reembedStory(global().explicitStory().get(), n -> { })
                : service.reembedCharacter(global().explicitCharacter().orElse(GlobalOptions.DEFAULT_CHARACTER), n -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("records", result.records());
            doc.put("old_model", result.oldModel());
            doc.put("new_model", result.newModel());
            doc.put("old_store", result.oldStore().toString());
            doc.put("seconds", seconds);
            printJson(doc);
        } else {
            out().printf(Locale.ROOT, "re-embedded %d records of %s with %s (was %s) in %.2f s; old store kept at %s%n",
                    result.records(), global().storeLabel(), result.newModel(), result.oldModel(), seconds,
                    result.oldStore());
        }
        return ExitCodes.OK;
    }
}
