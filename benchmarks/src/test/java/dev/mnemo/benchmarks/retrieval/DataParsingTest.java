package dev.mnemo.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataParsingTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void locomoTurnsBecomeRecordsAndQuestionsKeepKnownEvidence() throws Exception {
        String conversation = """
                {"speaker_a": "Caroline", "speaker_b": "Melanie",
                 "session_1_date_time": "1:56 pm on 8 May, 2023",
                 "session_1": [
                   {"speaker": "Caroline", "dia_id": "D1:1", "text": "Hey Mel!"},
                   {"speaker": "Melanie", "dia_id": "D1:2", "text": "Look at this.", "blip_caption": "a photo of a dog"}],
                 "session_2_date_time": "10:04 AM on 19 December, 2023",
                 "session_2": [{"speaker": "Caroline", "dia_id": "D2:1", "text": "Back again."}],
                 "session_2_summary": "not a session",
                 "qa": [
                   {"question": "Who has a dog?", "evidence": ["D1:2"], "category": 4},
                   {"question": "When?", "evidence": ["D1:1; D2:1", "D", "D9:9"], "category": 2},
                   {"question": "Adversarial", "evidence": ["D1:1"], "category": 5},
                   {"question": "No evidence", "evidence": [], "category": 1}]}
                """;
        LocomoData reader = new LocomoData();
        Corpus corpus = reader.parse("locomo-x", json.readTree(conversation));

        assertThat(corpus.documents()).extracting(Corpus.Document::text).containsExactly(
                "Caroline: Hey Mel!", "Melanie: Look at this. [shares a photo: a photo of a dog]", "Caroline: Back again.");
        assertThat(corpus.documents()).extracting(Corpus.Document::timestamp).containsExactly(
                Instant.parse("2023-05-08T13:56:00Z"), Instant.parse("2023-05-08T13:56:30Z"),
                Instant.parse("2023-12-19T10:04:00Z"));
        assertThat(corpus.questions()).hasSize(2);
        assertThat(corpus.questions().get(0).evidence()).isEqualTo(Set.of("D1:2"));
        assertThat(corpus.questions().get(1).evidence()).isEqualTo(Set.of("D1:1", "D2:1"));
        assertThat(corpus.questions().get(1).category()).isEqualTo(2);
        assertThat(reader.droppedEvidence()).isEqualTo(2);
    }

    @Test
    void locomoBadDateIsNamed() throws Exception {
        String conversation = """
                {"session_1_date_time": "yesterday", "session_1": [{"speaker": "A", "dia_id": "D1:1", "text": "x"}], "qa": []}
                """;
        assertThatThrownBy(() -> new LocomoData().parse("locomo-y", json.readTree(conversation)))
                .hasMessageContaining("locomo-y session 1").hasMessageContaining("yesterday");
    }

    @Test
    void cmrcSentencesSplitAfterMarksAndEvidenceHoldsTheAnswerStart() throws Exception {
        String context = "第一句。第二句！Third? 尾巴";
        String data = """
                {"data": [{"paragraphs": [{"id": "P1", "context": "%s", "qas": [
                   {"question": "第二？", "answers": [{"text": "二", "answer_start": 5}]},
                   {"question": "尾？", "answers": [{"text": "尾巴", "answer_start": 14}]},
                   {"question": "bad", "answers": [{"text": "x", "answer_start": 99}]},
                   {"question": " ", "answers": [{"text": "第", "answer_start": 0}]}]}]}]}
                """.formatted(context);
        CmrcData reader = new CmrcData();
        Corpus corpus = reader.parse(json.readTree(data));

        assertThat(corpus.documents()).extracting(Corpus.Document::text)
                .containsExactly("第一句。", "第二句！", "Third?", " 尾巴");
        assertThat(corpus.questions()).extracting(Corpus.Question::evidence)
                .containsExactly(Set.of("P1#1"), Set.of("P1#3"));
        assertThat(reader.skippedQuestions()).isEqualTo(2);
    }
}
