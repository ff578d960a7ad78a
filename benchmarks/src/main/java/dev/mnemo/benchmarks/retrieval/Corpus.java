package dev.mnemo.benchmarks.retrieval;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One store's worth of a retrieval data set: the records to ingest, in order, and the questions
 * asked of them, each with the keys of the records that answer it.
 *
 * @param name      store name (a LoCoMo conversation, or {@code cmrc})
 * @param documents records in ingest order
 * @param questions questions with at least one known evidence key
 */
public record Corpus(String name, List<Document> documents, List<Question> questions) {
    public Corpus {
        documents = List.copyOf(documents);
        questions = List.copyOf(questions);
    }

    /**
     * A record to store.
     *
     * @param key       the data set's id of the text (a LoCoMo {@code dia_id}, or a CMRC sentence position)
     * @param text      the record text
     * @param timestamp the record time
     */
    public record Document(String key, String text, Instant timestamp) {
    }

    /**
     * A question.
     *
     * @param text     the query, as is
     * @param evidence keys of the documents that hold the answer (never empty)
     * @param category the data set's category (LoCoMo 1-4), 0 when it has none
     */
    public record Question(String text, Set<String> evidence, int category) {
        public Question {
            evidence = Set.copyOf(evidence);
            if (evidence.isEmpty()) {
                throw new IllegalArgumentException("question without evidence: " + text);
            }
        }
    }
}
