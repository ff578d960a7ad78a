package dev.mnemo.benchmarks.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the CMRC 2018 trial set (SQuAD format) by the protocol of {@code shared/data/README.md}:
 * every sentence of every paragraph is a record (split after {@code 。！？!?}, blank pieces dropped);
 * a question's evidence is the sentence holding its first answer's {@code answer_start}. A question
 * that is blank, or whose answer position lies outside its paragraph or in a dropped piece, is counted in
 * {@link #skippedQuestions()}.
 */
public final class CmrcData {
    /** Records get one fixed time apart by a second each, so recency ranking does not reorder them. */
    static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");

    private int skippedQuestions;

    /** The whole file as one corpus named {@code cmrc}. */
    public Corpus read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Corpus parse(JsonNode root) {
        List<Corpus.Document> documents = new ArrayList<>();
        List<Corpus.Question> questions = new ArrayList<>();
        for (JsonNode article : root.path("data")) {
            for (JsonNode paragraph : article.path("paragraphs")) {
                String id = paragraph.path("id").asText();
                String context = paragraph.path("context").asText();
                List<int[]> spans = sentenceSpans(context);
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < spans.size(); i++) {
                    int[] span = spans.get(i);
                    String text = context.substring(span[0], span[1]);
                    String key = id + "#" + i;
                    keys.add(text.isBlank() ? null : key);
                    if (!text.isBlank()) {
                        documents.add(new Corpus.Document(key, text,
                                TIME.plus(Duration.ofSeconds(documents.size()))));
                    }
                }
                for (JsonNode qa : paragraph.path("qas")) {
                    int start = qa.path("answers").path(0).path("answer_start").asInt(-1);
                    String key = null;
                    for (int i = 0; i < spans.size(); i++) {
                        if (start >= spans.get(i)[0] && start < spans.get(i)[1]) {
                            key = keys.get(i);
                        }
                    }
                    if (key == null || qa.path("question").asText().isBlank()) {
                        skippedQuestions++;
                    } else {
                        questions.add(new Corpus.Question(qa.path("question").asText(), Set.of(key), 0));
                    }
                }
            }
        }
        return new Corpus("cmrc", documents, questions);
    }

    /** [start, end) of each piece, each ending after a sentence mark or at the end of the text. */
    static List<int[]> sentenceSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if ("。！？!?".indexOf(text.charAt(i)) >= 0) {
                spans.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        if (start < text.length()) {
            spans.add(new int[] {start, text.length()});
        }
        return spans;
    }

    /** Questions without a usable answer position. */
    public int skippedQuestions() {
        return skippedQuestions;
    }
}
