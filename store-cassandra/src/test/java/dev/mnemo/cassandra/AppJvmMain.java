package dev.mnemo.cassandra;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The second application JVM of {@link TwoAppJvmsTest}: opens its own {@link CassandraMemory} on
 * the test node, writes records and prints each acknowledged id ({@code ID <id>}), then reads the
 * other JVM's acknowledged records from standard input ({@code <id>\t<text>} lines up to
 * {@code END}) and answers {@code FOUND <id>} or {@code MISSING <id> <why>} for each.
 *
 * <p>Arguments: native port, keyspace, store name, how many records to write.
 */
public final class AppJvmMain {
    private AppJvmMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CassandraConfig config = CassandraConfig.builder()
                .contactPoint("127.0.0.1", Integer.parseInt(args[0]))
                .localDatacenter("datacenter1")
                .keyspace(args[1])
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        String store = args[2];
        int count = Integer.parseInt(args[3]);
        try (CassandraMemory memory = CassandraMemory.open(config, StoreFixture.MODEL)) {
            CassandraMemoryStore s = memory.store(store);
            out.println("NODE " + memory.idNode());
            for (int i = 0; i < count; i++) {
                MemoryRecord r = s.add(MemoryDraft.of(RecordType.CONVERSATION, TwoAppJvmsTest.text("child", i), null));
                out.println("ID " + r.id());
            }
            out.println("WRITTEN");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("END"); line = in.readLine()) {
                String[] parts = line.split("\t", 2);
                long id = Long.parseLong(parts[0]);
                out.println(check(s, id, parts[1]));
            }
            out.println("DONE");
        }
    }

    private static String check(CassandraMemoryStore s, long id, String text) {
        if (s.get(id).filter(r -> r.text().equals(text)).isEmpty()) {
            return "MISSING " + id + " get";
        }
        List<MemoryHit> hits = s.search(text, SearchRequest.builder().k(1).recencyWeight(0).build());
        return !hits.isEmpty() && hits.get(0).record().id() == id ? "FOUND " + id : "MISSING " + id + " search";
    }
}
