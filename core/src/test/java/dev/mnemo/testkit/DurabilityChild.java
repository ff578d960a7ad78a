package dev.mnemo.testkit;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Child process for crash tests: adds records forever (single adds and small batches, with an
 * occasional delete), printing {@code ACK <id> <text>} or {@code DEL <id>} after each call
 * returns. The parent kills it with SIGKILL at some point and checks what was acknowledged.
 *
 * <p>Arguments: data directory, backend name, a run label that makes every text unique.
 */
public final class DurabilityChild {
    private DurabilityChild() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dataDir = Path.of(args[0]);
        String backend = args[1];
        String run = args[2];
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("crash");
            out.println("READY");
            for (int i = 0; ; i++) {
                if (i % 10 == 9) {
                    List<MemoryRecord> batch = store.addAll(List.of(
                            MemoryDraft.of(RecordType.of("note"), "run " + run + " batch record " + i + " a", Instant.now()),
                            MemoryDraft.of(RecordType.of("note"), "run " + run + " batch record " + i + " b", Instant.now())));
                    batch.forEach(r -> out.println("ACK " + r.id() + " " + r.text()));
                } else if (i % 7 == 6) {
                    MemoryRecord r = store.addConversation("run " + run + " doomed question " + i, "doomed answer", Instant.now());
                    // acknowledged, but about to be deleted: after a kill it may be either way until DEL is printed
                    out.println("TMP " + r.id());
                    store.delete(r.id());
                    out.println("DEL " + r.id());
                } else {
                    MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), "run " + run + " single record " + i, Instant.now()));
                    out.println("ACK " + r.id() + " " + r.text());
                }
            }
        }
    }
}
