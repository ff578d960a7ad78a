package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mnemo backup FILE}: a consistent copy of the database, taken while the store stays usable. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Writes a consistent copy of the store's database (records and vectors) to FILE.")
final class BackupCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the backup.")
    private Path file;

    @Option(names = "--force", description = "Replace FILE if it exists (atomically: the old file stays until the new one is complete).")
    private boolean force;

    @Override
    int run(MemoryService service, MemoryStore store) throws Exception {
        if (store.databasePath() == null) {
            store.backup(file); // a store on a server: refused, naming the server's own backup tool
        }
        if (Files.exists(file) && !force) {
            throw new CliException(ExitCodes.INVALID_INPUT, "backup file " + file + " exists; use --force to overwrite it");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        store.backup(file);
        long bytes = Files.size(file);
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("backup", file.toAbsolutePath().toString());
            doc.put("size_bytes", bytes);
            printJson(doc);
        } else {
            out().printf("backed up %s to %s (%d bytes)%n", global().storeLabel(), file, bytes);
        }
        return ExitCodes.OK;
    }
}
