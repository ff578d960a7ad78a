package dev.mnemo.reliability;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Child process of {@link ResourceHygieneTest}: opens a small store, searches it and closes it,
 * over and over, each time through a new {@link MemoryService} as an application restarting its
 * memory would. Prints {@code SAMPLE <cycle> <open fds> <VmRSS kB> <ms per cycle>} every
 * {@code sampleEvery} cycles, {@code LEAK <cycle> <connections>} if a pooled connection is still
 * borrowed after a call returned, then {@code HELD <path>} for every descriptor still open on the
 * data directory after the last close, and {@code DONE}.
 *
 * <p>Arguments: data directory, backend, cycles, sampleEvery, warm-up cycles.
 */
public final class OpenCloseChild {
    private OpenCloseChild() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dataDir = Path.of(args[0]);
        String backend = args[1];
        int cycles = Integer.parseInt(args[2]);
        int sampleEvery = Integer.parseInt(args[3]);
        int warmUp = Integer.parseInt(args[4]);
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            List<MemoryDraft> drafts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                drafts.add(MemoryDraft.of(RecordType.of("note"), "small store memory " + i + " about tea and rain", null));
            }
            service.character("hygiene").addAll(drafts);
        }
        SearchRequest request = SearchRequest.builder().k(5).build();
        for (int i = 0; i < warmUp; i++) {
            cycle(dataDir, backend, request, out, -1);
        }
        System.gc();
        out.println("SAMPLE 0 " + openFds() + " " + rssKb() + " 0");
        long start = System.nanoTime();
        for (int i = 1; i <= cycles; i++) {
            cycle(dataDir, backend, request, out, i);
            if (i % sampleEvery == 0) {
                System.gc();
                long ms = (System.nanoTime() - start) / 1_000_000 / sampleEvery;
                out.println("SAMPLE " + i + " " + openFds() + " " + rssKb() + " " + ms);
                start = System.nanoTime();
            }
        }
        for (String held : descriptorsUnder(dataDir)) {
            out.println("HELD " + held);
        }
        out.println("DONE");
    }

    private static void cycle(Path dataDir, String backend, SearchRequest request, PrintStream out, int cycle) {
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("hygiene");
            int hits = store.search("tea and rain", request).size();
            if (hits != 5 || store.activeConnections() != 0) {
                out.println("LEAK " + cycle + " " + store.activeConnections() + " hits " + hits);
            }
        }
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static List<String> descriptorsUnder(Path dir) throws IOException {
        String root = dir.toAbsolutePath().normalize().toString();
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(root)) {
                        out.add(target);
                    }
                } catch (IOException e) {
                    // the descriptor of the listing itself is gone by now
                }
            }
        }
        return out;
    }
}
