package dev.mnemo.cli;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mnemo export FILE}: every record as JSON Lines, the format {@code import} reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports every record of the store as JSON Lines (the format of 'mnemo import'), in id order.",
            "The file appears complete or not at all (written beside it, then renamed)."})
final class ExportCommand extends StoreCommand {
    private static final int CHUNK = 500;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to write.")
    private Path file;

    @Option(names = "--with-vectors", description = "Adds each record's stored vector and the model it came from.")
    private boolean withVectors;

    @Override
    int run(MemoryService service, MemoryStore store) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        String model = service.model().name();
        long written = 0;
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
                 Progress progress = Progress.start("export", store.stats().totalRecords())) {
                long after = 0;
                for (List<MemoryRecord> page = store.scan(after, CHUNK); !page.isEmpty(); page = store.scan(after, CHUNK)) {
                    cancellation().check("export stopped; " + file + " not written");
                    long[] ids = page.stream().mapToLong(MemoryRecord::id).toArray();
                    Map<Long, float[]> vectors = withVectors ? store.vectors(ids) : Map.of();
                    for (MemoryRecord r : page) {
                        float[] v = vectors.get(r.id());
                        out.write(JsonLines.format(r, v, v == null ? null : model));
                        out.write('\n');
                        written++;
                    }
                    progress.stepBy(page.size());
                    after = ids[ids.length - 1];
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (global().json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exported", written);
            doc.put("file", target.toString());
            doc.put("with_vectors", withVectors);
            printJson(doc);
        } else {
            out().printf("exported %d record(s) of %s to %s%s%n", written, global().storeLabel(), file,
                    withVectors ? " with vectors" : "");
        }
        return ExitCodes.OK;
    }
}
