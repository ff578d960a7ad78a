package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mnemo restore FILE}: replaces the store's content with a backup, then rebuilds the index. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replaces the store's content with a backup made by 'mnemo backup' and rebuilds the index.",
            "The backup must come from the same embedding model."})
final class RestoreCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    private Path file;

    @Override
    int run(MemoryService service, MemoryStore store) {
        if (store.databasePath() == null) {
            store.restore(file); // a store on a server: refused, naming the server's own restore tool
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.NOT_FOUND, "backup file not found: " + file);
        }
        store.restore(file);
        long total = store.stats().totalRecords();
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("restored_from", file.toAbsolutePath().toString());
            doc.put("total_records", total);
            printJson(doc);
        } else {
            out().printf("restored %s from %s: %d record(s)%n", global().storeLabel(), file, total);
        }
        return ExitCodes.OK;
    }
}
