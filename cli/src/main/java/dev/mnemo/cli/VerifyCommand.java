package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mnemo verify}: does the index hold exactly the database's vectors? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks that the vector index holds exactly the database's vectors.",
            "Exit code 0 when they agree, 7 when they differ (run 'mnemo reindex' to repair)."})
final class VerifyCommand extends StoreCommand {
    /** Ids listed in human output at most; JSON lists all. */
    private static final int SHOW = 20;

    @Override
    int run(MemoryService service, MemoryStore store) {
        VerifyReport r = store.verify();
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("consistent", r.consistent());
            doc.put("database_vectors", r.databaseVectors());
            doc.put("index_vectors", r.indexVectors());
            doc.put("missing_from_index", r.missingFromIndex());
            doc.put("extra_in_index", r.extraInIndex());
            printJson(doc);
        } else {
            out().printf("database vectors: %d, index vectors: %d%n", r.databaseVectors(), r.indexVectors());
            if (r.consistent()) {
                out().println("OK: index and database agree");
            } else {
                out().printf("DIFFERENT: %d missing from the index %s, %d extra in the index %s; run 'mnemo reindex'%n",
                        r.missingFromIndex().length, head(r.missingFromIndex()), r.extraInIndex().length,
                        head(r.extraInIndex()));
            }
        }
        return r.consistent() ? ExitCodes.OK : ExitCodes.VERIFY_DIFFERENCES;
    }

    private static String head(long[] ids) {
        String shown = Arrays.toString(Arrays.copyOf(ids, Math.min(ids.length, SHOW)));
        return ids.length > SHOW ? shown.substring(0, shown.length() - 1) + ", ...]" : shown;
    }
}
