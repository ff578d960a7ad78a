package dev.mnemo.cli;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mnemo import FILE}: JSON Lines into the store, in batches that are each one
 * transaction. The whole file is validated before anything is written.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports records from a JSON Lines file.",
            "One object per line with 'user' and 'assistant', or 'text';",
            "optional 'type', 'timestamp' (ISO-8601 or 'yyyy-MM-dd HH:mm:ss[.SSSSSS]' UTC), and 'vector' with",
            "'embedding_model' (used as is when it matches the store's model, else the text is re-embedded).",
            "The file is checked first; then each batch is one transaction. Ctrl-C stops after the current",
            "batch and says how to continue with --skip."})
final class ImportCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The JSON Lines file.")
    private Path file;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256",
            description = "Records per transaction and embedding call (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "0",
            description = "Skips the first N records (to continue an interrupted import).")
    private long skip;

    @Override
    int run(MemoryService service, MemoryStore store) throws IOException {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new CliException(ExitCodes.USAGE, "--batch-size must be between 1 and 10000, got " + batchSize);
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.NOT_FOUND, "import file not found: " + file);
        }
        long total = validate(store);
        String model = service.model().name();
        int dimension = service.model().dimension();
        long done = 0;
        long seen = 0;
        long reusedVectors = 0;
        long started = System.nanoTime();
        List<JsonLines.Entry> batch = new ArrayList<>(batchSize);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             Progress progress = Progress.start("import", Math.max(0, total - skip))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || seen++ < skip) {
                    continue;
                }
                batch.add(JsonLines.parse(line));
                if (batch.size() == batchSize) {
                    checkNotCancelled(done);
                    reusedVectors += write(store, batch, model, dimension);
                    done += batch.size();
                    progress.stepBy(batch.size());
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                checkNotCancelled(done);
                reusedVectors += write(store, batch, model, dimension);
                done += batch.size();
                progress.stepBy(batch.size());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("imported", done);
            doc.put("skipped", Math.min(skip, total));
            doc.put("vectors_reused", reusedVectors);
            doc.put("seconds", seconds);
            doc.put("records_per_second", seconds > 0 ? done / seconds : null);
            printJson(doc);
        } else {
            out().printf(Locale.ROOT, "imported %d record(s) into %s in %.2f s (%.0f rec/s)%s%n", done,
                    global().storeLabel(), seconds, seconds > 0 ? done / seconds : 0.0,
                    reusedVectors > 0 ? ", " + reusedVectors + " with their stored vectors" : "");
        }
        return ExitCodes.OK;
    }

    /** Before each batch: after Ctrl-C nothing more is written, and the message says how to continue. */
    private void checkNotCancelled(long done) {
        cancellation().check(done + " record(s) imported in whole batches; to continue, run the same import with --skip "
                + (skip + done));
    }

    /**
     * Checks every line before anything is written, its JSON and the store's rules for text and
     * metadata, so a bad record deep in the file stops the import before its first batch; returns
     * the number of records.
     */
    private long validate(MemoryStore store) throws IOException {
        long records = 0;
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    store.check(JsonLines.parse(line).draft());
                } catch (InvalidInputException e) {
                    throw new CliException(ExitCodes.INVALID_INPUT, file + " line " + lineNo + ": " + e.getMessage(), e);
                }
                records++;
            }
        } catch (MalformedInputException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, file + " line " + (lineNo + 1) + ": not UTF-8 text", e);
        }
        return records;
    }

    /** Writes one batch in one transaction; returns how many stored vectors were reused. */
    private static int write(MemoryStore store, List<JsonLines.Entry> batch, String model, int dimension) {
        List<MemoryDraft> drafts = batch.stream().map(JsonLines.Entry::draft).toList();
        if (batch.stream().allMatch(e -> e.vectorUsableFor(model, dimension))) {
            store.addAllWithVectors(drafts, batch.stream().map(JsonLines.Entry::vector).toList(), null);
            return batch.size();
        }
        store.addAll(drafts);
        return 0;
    }
}
