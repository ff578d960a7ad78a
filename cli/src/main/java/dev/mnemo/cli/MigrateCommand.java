package dev.mnemo.cli;

import dev.mnemo.api.MnemoException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.migrate.LegacyFolder;
import dev.mnemo.migrate.LegacyKind;
import dev.mnemo.migrate.LegacyMigrator;
import dev.mnemo.migrate.LegacyReader;
import dev.mnemo.migrate.LegacyScan;
import dev.mnemo.migrate.LegacyScanner;
import dev.mnemo.migrate.MigrationOptions;
import dev.mnemo.migrate.MigrationResult;
import dev.mnemo.migrate.UnimportedPosition;
import dev.mnemo.core.store.MemoryService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mnemo migrate}: imports the Python store's legacy files (JSON, pickle, FAISS) found under
 * the data directory, every folder or the one named with --character / --story. A folder that
 * fails (a corrupt file, vectors of another dimension) is reported and left untouched; the
 * others are migrated. Exit code: 0 when every folder succeeded, else that of the first failure.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Imports the legacy Python store's files into Mnemo stores.",
            "Reads <name>_memory.json, _metadata.json, _texts.pkl and _faiss.index from DIR/memory/* and DIR/saves/*,",
            "then moves the legacy files into backup_before_migration/.",
            "Keeps stored vectors bit for bit; generation-1 rows are embedded with",
            "the configured model, which must have the legacy dimension (1024, BAAI/bge-m3) unless --reembed.",
            "Running it again changes nothing."})
final class MigrateCommand extends BaseCommand {

    @Option(names = "--dry-run", description = "Read and check everything, report what would happen, write nothing.")
    private boolean dryRun;

    @Option(names = "--reembed", description = "Embed every row (both generations) with the configured model.")
    private boolean reembed;

    @Option(names = "--embed-batch", defaultValue = "64", description = "Texts per embedding call (default ${DEFAULT-VALUE}).")
    private int embedBatch;

    @Override
    public Integer call() {
        global().checkStoreSelection();
        MnemoConfig config = config();
        LegacyScanner scanner = new LegacyScanner(config.dataDir());
        List<LegacyFolder> folders;
        List<LegacyScan.Refused> refused = List.of();
        if (global().explicitStory().isPresent()) {
            folders = List.of(scanner.folder(LegacyKind.STORY, global().explicitStory().get()));
        } else if (global().explicitCharacter().isPresent()) {
            folders = List.of(scanner.folder(LegacyKind.CHARACTER, global().explicitCharacter().get()));
        } else {
            LegacyScan scan = scanner.scan();
            folders = scan.folders();
            refused = scan.refused();
        }
        MigrationOptions options = new MigrationOptions(dryRun, reembed, embedBatch);
        List<Map<String, Object>> reports = new ArrayList<>();
        int exitCode = refused.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        try (MemoryService service = MemoryService.open(config)) {
            LegacyMigrator migrator = new LegacyMigrator(service, new LegacyReader());
            int done = 0;
            for (LegacyFolder folder : folders) {
                if (cancellation().requested()) {
                    break;
                }
                err().printf("[%d/%d] %s%n", ++done, folders.size(), folder.relativeName());
                err().flush();
                try {
                    MigrationResult result = migrator.migrate(folder, options);
                    reports.add(report(result));
                    if (!global().json()) {
                        out().println(result.summary());
                        result.notes().forEach(n -> out().println("  note: " + n));
                    }
                } catch (MnemoException e) {
                    int code = ExitCodes.of(e);
                    exitCode = exitCode == ExitCodes.OK ? code : exitCode;
                    Map<String, Object> failed = new LinkedHashMap<>();
                    failed.put("folder", folder.relativeName());
                    failed.put("outcome", "FAILED");
                    failed.put("error", e.getMessage());
                    reports.add(failed);
                    if (!global().json()) {
                        out().println(folder.relativeName() + ": FAILED, left untouched: " + e.getMessage());
                    }
                }
            }
        }
        for (LegacyScan.Refused r : refused) {
            if (!global().json()) {
                out().println(r.directory() + ": refused: " + r.reason());
            }
        }
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("dry_run", dryRun);
            doc.put("folders", reports);
            doc.put("refused", refused.stream().map(r -> Map.of("directory", r.directory().toString(),
                    "reason", r.reason())).toList());
            printJson(doc);
        } else if (folders.isEmpty()) {
            out().println("no legacy folders under " + config.dataDir());
        }
        return cancellation().requested() ? ExitCodes.INTERRUPTED : exitCode;
    }

    private static Map<String, Object> report(MigrationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folder", r.folder().relativeName());
        m.put("outcome", r.outcome().name());
        m.put("imported", r.imported());
        m.put("embedded", r.embedded());
        if (r.plan() != null) {
            m.put("rows_planned", r.plan().rows().size());
            m.put("json_rows", r.plan().jsonRows());
            m.put("faiss_rows", r.plan().faissRows());
            m.put("duplicates_skipped", r.plan().duplicatesSkipped());
            List<Map<String, Object>> unimported = new ArrayList<>();
            for (UnimportedPosition u : r.plan().unimported()) {
                unimported.add(Map.of("position", u.position(), "reason", u.reason()));
            }
            m.put("unimported", unimported);
        }
        m.put("records_after", r.recordsAfter());
        m.put("moved_files", r.movedFiles().stream().map(p -> p.getFileName().toString()).toList());
        m.put("notes", r.notes());
        m.put("summary", r.summary());
        return m;
    }
}
