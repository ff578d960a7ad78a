package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mnemo delete ID...}: deletes records in one transaction; their vectors leave the index at once. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes records by id, in one transaction.",
            "Exit code 4 when some id did not exist; the others are deleted all the same."})
final class DeleteCommand extends StoreCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Record ids.")
    private List<Long> ids = new ArrayList<>();

    @Override
    int run(MemoryService service, MemoryStore store) {
        long[] unique = ids.stream().mapToLong(Long::longValue).distinct().toArray();
        List<Long> missing = new ArrayList<>();
        for (long id : unique) {
            if (store.get(id).isEmpty()) {
                missing.add(id);
            }
        }
        int deleted = store.delete(unique);
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("deleted", deleted);
            doc.put("not_found", missing);
            printJson(doc);
        } else {
            out().printf("deleted %d record(s) from %s%n", deleted, global().storeLabel());
        }
        if (!missing.isEmpty()) {
            err().println("mnemo delete: not found: " + missing);
            return ExitCodes.NOT_FOUND;
        }
        return ExitCodes.OK;
    }
}
