package dev.mnemo.cli;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordNotFoundException;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mnemo get ID}: one record in full. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Prints one record in full; exit code 4 when absent.")
final class GetCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The record id.")
    private long id;

    @Override
    int run(MemoryService service, MemoryStore store) {
        MemoryRecord r = store.get(id).orElseThrow(() -> new RecordNotFoundException(id));
        if (global().json()) {
            printJson(Json.record(r));
        } else {
            out().printf("id:         %d%ntype:       %s%ntimestamp:  %s%ncreated at: %s%nupdated at: %s%n",
                    r.id(), r.type(), r.timestamp(), r.createdAt(), r.updatedAt());
            if (r.userMessage() != null) {
                out().printf("user:       %s%nassistant:  %s%n", r.userMessage(), r.assistantMessage());
            } else {
                out().printf("text:       %s%n", r.text());
            }
        }
        return ExitCodes.OK;
    }
}
