package dev.mnemo.benchmarks.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads LoCoMo conversation files ({@code shared/data/locomo-dev/*.json}) by the protocol of
 * {@code shared/data/README.md}: one record per turn, {@code "<speaker>: <text>"} plus
 * {@code " [shares a photo: <caption>]"}, timestamped at its session's time plus 30 s per turn;
 * the questions of categories 1-4 that list evidence.
 *
 * <p>A few evidence entries in the data are malformed: {@code "D8:6; D9:17"} is split on
 * {@code ;}, and an id that names no turn ({@code "D"}, a turn beyond its session) is dropped
 * and counted in {@link #droppedEvidence()}; a question left without evidence would be dropped
 * too (none is in the dev files).
 */
public final class LocomoData {
    private static final Pattern SESSION = Pattern.compile("session_(\\d+)");
    private static final DateTimeFormatter SESSION_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy")
            .toFormatter(Locale.ENGLISH);
    private static final Duration TURN_STEP = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private int droppedEvidence;

    /** Every {@code *.json} of the folder, in file-name order, one corpus each. */
    public List<Corpus> readFolder(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no LoCoMo *.json files in " + folder);
        }
        files.sort(null);
        List<Corpus> out = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            try {
                out.add(parse("locomo-" + name, json.readTree(file.toFile())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return out;
    }

    /** One conversation. */
    Corpus parse(String name, JsonNode root) {
        List<Integer> sessions = new ArrayList<>();
        root.fieldNames().forEachRemaining(field -> {
            Matcher m = SESSION.matcher(field);
            if (m.matches()) {
                sessions.add(Integer.parseInt(m.group(1)));
            }
        });
        sessions.sort(null);
        List<Corpus.Document> documents = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int session : sessions) {
            JsonNode turns = root.get("session_" + session);
            if (!turns.isArray()) {
                continue;
            }
            Instant start = sessionTime(root.path("session_" + session + "_date_time").asText(""), name, session);
            int position = 0;
            for (JsonNode turn : turns) {
                String key = turn.path("dia_id").asText();
                documents.add(new Corpus.Document(key, turnText(turn), start.plus(TURN_STEP.multipliedBy(position++))));
                keys.add(key);
            }
        }
        List<Corpus.Question> questions = new ArrayList<>();
        for (JsonNode qa : root.path("qa")) {
            int category = qa.path("category").asInt();
            if (category < 1 || category > 4) {
                continue;
            }
            Set<String> evidence = new LinkedHashSet<>();
            for (JsonNode entry : qa.path("evidence")) {
                for (String id : entry.asText().split(";")) {
                    String key = id.strip();
                    if (keys.contains(key)) {
                        evidence.add(key);
                    } else if (!key.isEmpty()) {
                        droppedEvidence++;
                    }
                }
            }
            if (!evidence.isEmpty() && !qa.path("question").asText().isBlank()) {
                questions.add(new Corpus.Question(qa.path("question").asText(), evidence, category));
            }
        }
        return new Corpus(name, documents, questions);
    }

    /** {@code "<speaker>: <text>"}, and the photo caption when the turn shares one. */
    static String turnText(JsonNode turn) {
        String text = turn.path("speaker").asText() + ": " + turn.path("text").asText();
        String caption = turn.path("blip_caption").asText("");
        return caption.isBlank() ? text : text + " [shares a photo: " + caption + "]";
    }

    static Instant sessionTime(String value, String corpus, int session) {
        try {
            return LocalDateTime.parse(value.strip(), SESSION_TIME).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(corpus + " session " + session + ": cannot parse date '" + value + "'", e);
        }
    }

    /** Evidence ids that named no turn, over every file read so far. */
    public int droppedEvidence() {
        return droppedEvidence;
    }
}
