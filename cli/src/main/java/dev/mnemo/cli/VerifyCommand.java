package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mnemo verify}: do the vector index and the keyword index match the database? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks that the vector and keyword indexes hold exactly what the database holds.",
            "The vector index must hold the database's vectors, the keyword index the terms of every record's text.",
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
            doc.put("keyword_rows", r.keywordRows());
            doc.put("keyword_differences", r.keywordDifferences());
            printJson(doc);
        } else {
            out().printf("database vectors: %d, index vectors: %d, keyword rows: %d%n", r.databaseVectors(),
                    r.indexVectors(), r.keywordRows());
            if (r.consistent()) {
                out().println("OK: index and database agree");
            } else {
                if (r.missingFromIndex().length > 0 || r.extraInIndex().length > 0) {
                    out().printf("DIFFERENT: %d missing from the index %s, %d extra in the index %s; run 'mnemo reindex'%n",
                            r.missingFromIndex().length, head(r.missingFromIndex()), r.extraInIndex().length,
                            head(r.extraInIndex()));
                }
                if (r.keywordDifferences().length > 0) {
                    out().printf("DIFFERENT: %d record(s) whose keyword index entry differs from their text %s;"
                            + " run 'mnemo reindex'%n", r.keywordDifferences().length, head(r.keywordDifferences()));
                }
            }
        }
        return r.consistent() ? ExitCodes.OK : ExitCodes.VERIFY_DIFFERENCES;
    }

    private static String head(long[] ids) {
        String shown = Arrays.toString(Arrays.copyOf(ids, Math.min(ids.length, SHOW)));
        return ids.length > SHOW ? shown.substring(0, shown.length() - 1) + ", ...]" : shown;
    }
}
