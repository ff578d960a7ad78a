package dev.mnemo.reliability;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Child process of {@link CrashCycleTest}: writes to store {@code crash} forever with a seeded mix
 * of operations and prints one line after each call returns (an acknowledgement):
 * <ul>
 *   <li>{@code ACK <id> <text>}: a record was added (single add or one of a batch)</li>
 *   <li>{@code OLD <id> <text>}: a record with a timestamp 400+ days back was added</li>
 *   <li>{@code TMP <id> <user message>} then {@code DEL <id>}: a conversation (answer
 *       {@value #DOOMED_ANSWER}) was added, then deleted</li>
 *   <li>{@code DELETING <id>} then {@code DEL <id>}: an earlier record of this run is about to be
 *       deleted, then was deleted</li>
 *   <li>{@code PRUNING} then {@code PRUNE <n>}: {@code deleteOlderThan(365)} is about to run, then
 *       deleted n records (every OLD one)</li>
 * </ul>
 * The announcements before deletes matter: a delete can commit and the process die before its
 * acknowledgement is printed, so from the announcement on the record may be either way.
 * The parent kills it with SIGKILL at a point of its choosing. Texts are unique per run.
 *
 * <p>Arguments: data directory, backend name, run label, seed.
 */
public final class CrashChild {
    static final String DOOMED_ANSWER = "doomed answer";

    private CrashChild() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dataDir = Path.of(args[0]);
        String backend = args[1];
        String run = args[2];
        Random random = new Random(Long.parseLong(args[3]));
        // save the index as often as the store's policy allows, so that kills also land in saves
        MnemoConfig config = TestStores.config(dataDir, backend).set(MnemoConfig.INDEX_SAVE_EVERY, "1").build();
        try (MemoryService service = MemoryService.builder(config)
                .embeddingModel(new HashingEmbeddingModel(TestStores.DIMENSION)).build()) {
            MemoryStore store = service.character("crash");
            List<Long> mine = new ArrayList<>();
            out.println("READY");
            for (int i = 0; ; i++) {
                step(store, random, "run " + run + " op " + i + " ", mine, out::println);
            }
        }
    }

    /**
     * One operation of the workload, its acknowledgement lines (see above) passed to {@code out}
     * after each call returns. {@code mine} holds this run's deletable records. Also used in-process
     * by {@link GraphReachabilityTest}.
     */
    static void step(MemoryStore store, Random random, String prefix, List<Long> mine, Consumer<String> out) {
        RecordType note = RecordType.of("note");
        int op = random.nextInt(100);
        if (op < 45) {
            MemoryRecord r = store.add(MemoryDraft.of(note, prefix + "single " + words(random), null));
            mine.add(r.id());
            out.accept("ACK " + r.id() + " " + r.text());
        } else if (op < 60) {
            List<MemoryDraft> batch = new ArrayList<>();
            int size = 2 + random.nextInt(4);
            for (int j = 0; j < size; j++) {
                batch.add(MemoryDraft.of(note, prefix + "batch " + j + " " + words(random), null));
            }
            for (MemoryRecord r : store.addAll(batch)) {
                mine.add(r.id());
                out.accept("ACK " + r.id() + " " + r.text());
            }
        } else if (op < 70) {
            String user = prefix + "doomed " + words(random);
            MemoryRecord r = store.addConversation(user, DOOMED_ANSWER, null);
            out.accept("TMP " + r.id() + " " + user);
            store.delete(r.id());
            out.accept("DEL " + r.id());
        } else if (op < 80 && !mine.isEmpty()) {
            long id = mine.remove(random.nextInt(mine.size()));
            out.accept("DELETING " + id);
            store.delete(id);
            out.accept("DEL " + id);
        } else if (op < 92) {
            Instant old = Instant.now().minus(Duration.ofDays(400 + random.nextInt(1000)));
            MemoryRecord r = store.add(MemoryDraft.of(note, prefix + "old " + words(random), old));
            out.accept("OLD " + r.id() + " " + r.text());
        } else {
            out.accept("PRUNING");
            int n = store.deleteOlderThan(365);
            out.accept("PRUNE " + n);
        }
    }

    /** A few random words, so that vectors differ more than by the op number. */
    private static String words(Random random) {
        StringBuilder b = new StringBuilder();
        int n = 2 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            int len = 3 + random.nextInt(6);
            for (int j = 0; j < len; j++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            b.append(' ');
        }
        return b.toString().trim();
    }
}
