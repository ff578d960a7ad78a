package dev.mnemo.cli;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnemo recent}: the newest conversation turns. */
@Command(name = "recent", mixinStandardHelpOptions = true, description = "Lists the newest conversation records, newest first.")
final class RecentCommand extends StoreCommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
    private int n;

    @Override
    int run(MemoryService service, MemoryStore store) {
        List<MemoryRecord> records = store.recentConversations(n);
        if (global().json()) {
            List<Object> out = new ArrayList<>();
            records.forEach(r -> out.add(Json.record(r)));
            printJson(Map.of("records", out));
        } else {
            for (MemoryRecord r : records) {
                out().printf("#%d  %s%n    %s%n", r.id(), r.timestamp(), Text.oneLine(r.text(), 160));
            }
            out().printf("%d record(s) from %s%n", records.size(), global().storeLabel());
        }
        return ExitCodes.OK;
    }
}
