package dev.mnemo.reliability;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link TwoProcessTest}: the writer. Adds records (singly and in batches of
 * three) and deletes some of its own, printing {@code ACK <id> <text>} or {@code DEL <id> <text>}
 * after each call returns, then {@code DONE} and exits normally. Any failure is printed as
 * {@code ERR <exception>} and the exit code is 1.
 *
 * <p>Arguments: data directory, backend name, number of operations, seed.
 */
public final class WriterChild {
    private WriterChild() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dataDir = Path.of(args[0]);
        int operations = Integer.parseInt(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        RecordType note = RecordType.of("note");
        try (MemoryService service = TestStores.service(dataDir, args[1])) {
            MemoryStore store = service.character("shared");
            List<MemoryRecord> mine = new ArrayList<>();
            for (int i = 0; i < operations; i++) {
                int op = random.nextInt(10);
                if (op < 7 || mine.isEmpty()) {
                    MemoryRecord r = store.add(MemoryDraft.of(note, "writer entry " + i + " about " + random.nextInt(1000)
                            + " lanterns and " + random.nextInt(1000) + " rivers", null));
                    mine.add(r);
                    out.println("ACK " + r.id() + " " + r.text());
                } else if (op < 9) {
                    List<MemoryDraft> batch = new ArrayList<>();
                    for (int j = 0; j < 3; j++) {
                        batch.add(MemoryDraft.of(note, "writer batch " + i + "/" + j + " of " + random.nextInt(1000)
                                + " mountains", null));
                    }
                    for (MemoryRecord r : store.addAll(batch)) {
                        mine.add(r);
                        out.println("ACK " + r.id() + " " + r.text());
                    }
                } else {
                    MemoryRecord r = mine.remove(random.nextInt(mine.size()));
                    store.delete(r.id());
                    out.println("DEL " + r.id() + " " + r.text());
                }
            }
        } catch (RuntimeException e) {
            out.println("ERR " + e);
            e.printStackTrace();
            System.exit(1);
        }
        out.println("DONE");
    }
}
