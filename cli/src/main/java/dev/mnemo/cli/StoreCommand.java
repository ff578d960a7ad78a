package dev.mnemo.cli;

import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;

/**
 * A subcommand working on the selected store. Opens the service and store, runs, and closes
 * them again (saving the index) whatever happens, also on Ctrl-C.
 */
abstract class StoreCommand extends BaseCommand {

    @Override
    public final Integer call() throws Exception {
        global().checkStoreSelection(); // before the (possibly slow) model loads
        MnemoConfig config = config();
        try (StoreProgress progress = new StoreProgress();
             MemoryService service = MemoryService.builder(config).progress(progress).build()) {
            return run(service, global().openStore(service));
        }
    }

    /** The command's work; returns the exit code. */
    abstract int run(MemoryService service, MemoryStore store) throws Exception;
}
