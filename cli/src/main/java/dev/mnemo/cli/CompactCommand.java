package dev.mnemo.cli;

import dev.mnemo.api.MemoryStats;
import dev.mnemo.core.store.CompactReport;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mnemo compact}: gives the space of deleted records back to the file system. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Gives the space of deleted records back to the file system.",
            "Rewrites the database without its free pages (SQLite VACUUM) and truncates its write-ahead log.",
            "Searches (also from other processes) keep working meanwhile; writes wait until it is done.",
            "Needs free disk space of about the database's size while it runs."})
final class CompactCommand extends StoreCommand {

    @Override
    int run(MemoryService service, MemoryStore store) {
        MemoryStats before = store.stats();
        long live = before.databaseSizeBytes() - before.freeBytes();
        CompactReport report;
        // a store on a server has no file of its own to watch
        try (ProgressLine line = ProgressLine.start(err(), store.databasePath(), live)) {
            report = store.compact();
        }
        double seconds = report.nanos() / 1e9;
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("store", global().storeLabel());
            doc.put("database_path", store.databasePath() == null ? store.databaseLocation()
                    : store.databasePath().toAbsolutePath().toString());
            doc.put("bytes_before", report.bytesBefore());
            doc.put("bytes_after", report.bytesAfter());
            doc.put("reclaimed_bytes", report.reclaimedBytes());
            doc.put("seconds", seconds);
            printJson(doc);
        } else {
            out().printf(Locale.ROOT, "compacted %s: %s -> %s (%s reclaimed) in %.2f s%n", global().storeLabel(),
                    megabytes(report.bytesBefore()), megabytes(report.bytesAfter()),
                    megabytes(Math.max(0, report.reclaimedBytes())), seconds);
        }
        return ExitCodes.OK;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /**
     * One line on stderr, redrawn while VACUUM runs, only on a terminal. VACUUM reports no progress
     * of its own, but in WAL mode it writes the new copy of the database into the WAL file, so that
     * file's growth against the live size of the database shows how far it got.
     */
    private static final class ProgressLine implements AutoCloseable {
        private final Thread thread;

        private ProgressLine(Thread thread) {
            this.thread = thread;
        }

        static ProgressLine start(PrintWriter err, Path database, long liveBytes) {
            if (database == null || !Progress.interactive()) {
                return new ProgressLine(null);
            }
            Path wal = Path.of(database + "-wal");
            long started = System.nanoTime();
            Thread t = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        long written = walBytes(wal);
                        int percent = liveBytes <= 0 ? 0 : (int) Math.min(99, 100 * written / liveBytes);
                        err.printf(Locale.ROOT, "\rcompacting %s: ~%d%% (%s written, %.1f s)", database.getFileName(),
                                percent, megabytes(written), (System.nanoTime() - started) / 1e9);
                        err.flush();
                        Thread.sleep(250);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                err.print("\r\033[K");
                err.flush();
            }, "mnemo-compact-progress");
            t.setDaemon(true);
            t.start();
            return new ProgressLine(t);
        }

        private static long walBytes(Path wal) {
            try {
                return Files.exists(wal) ? Files.size(wal) : 0;
            } catch (IOException e) {
                return 0; // the WAL was truncated between the two calls
            }
        }

        @Override
        public void close() {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
