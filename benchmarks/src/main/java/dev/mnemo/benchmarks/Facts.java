package dev.mnemo.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures measured once per fork rather than timed by JMH (recall, memory, skipped backends),
 * appended as JSON lines to one file of the run; the report writer joins them with JMH's results
 * by their parameters. Forks run one after another, so appends never interleave.
 */
public final class Facts {
    /** Fact kinds. */
    public static final String RECALL = "recall";
    public static final String MEMORY = "memory";
    public static final String SKIPPED = "skipped";
    public static final String ENVIRONMENT = "environment";
    public static final String FOOTPRINT = "footprint";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Facts.class);
    private final Path file;

    /** @param file the JSON-lines file, or null to only print facts */
    public Facts(Path file) {
        this.file = file;
    }

    /**
     * Appends one fact.
     *
     * @param kind   what the fact is ({@link #RECALL}, {@link #MEMORY}, ...)
     * @param fields its keys and values (the benchmark's parameters and the measured values)
     */
    public void record(String kind, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind);
        line.putAll(fields);
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // JMH shows a fork's output in its log, so the figure is visible while the run goes on
        LOG.info("fact {}", text);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to facts file " + file, e);
        }
    }

    /** Every fact in a file (none when it does not exist). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readValue(line, Map.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read facts file " + file, e);
        }
        return out;
    }
}
