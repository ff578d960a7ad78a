package dev.mnemo.examples.embedded;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A chat app's memory, the smallest real way: open a service from configuration, remember a few
 * facts about a user with tags, recall them by meaning and by tag.
 *
 * <p>Usage: {@code java -jar target/embedded-app.jar [data-dir]}. The backend and the model come
 * from {@code mnemo.properties} in the working directory (if present) and {@code MNEMO_*}
 * variables, e.g. {@code MNEMO_VECTOR_BACKEND=jvector}.
 */
public final class EmbeddedApp {
    private static final RecordType FACT = RecordType.of("fact");
    private static final Instant SINCE = Instant.parse("2026-11-01T09:00:00Z");
    private static final List<Map.Entry<String, Map<String, Object>>> FACTS = List.of(
            Map.entry("Ada drinks green tea every morning before work.", Map.of("topic", "habits", "importance", 2)),
            Map.entry("Ada grew up in a fishing village on the coast of Norway.", Map.of("topic", "past", "importance", 4)),
            Map.entry("Ada works as a compiler engineer on a JIT for a database.", Map.of("topic", "work", "importance", 5)),
            Map.entry("Ada's cat is called Pascal and hates the vacuum cleaner.", Map.of("topic", "home", "importance", 3)),
            Map.entry("Ada is learning to play the cello, badly, on Sundays.", Map.of("topic", "habits", "importance", 2)),
            Map.entry("Ada's manager asked her to give a talk about garbage collection.", Map.of("topic", "work", "importance", 4)),
            Map.entry("Ada is allergic to peanuts.", Map.of("topic", "health", "importance", 5)),
            Map.entry("Ada wants to hike the Kungsleden trail next summer.", Map.of("topic", "plans", "importance", 3)));
    private static final List<String> QUESTIONS = List.of(
            "What does Ada drink in the morning?",
            "Where did Ada grow up?",
            "Which food must Ada avoid?");

    private EmbeddedApp() {
    }

    public static void main(String[] args) {
        MnemoConfig.Builder config = MnemoConfig.builder().dataDir(Path.of(args.length > 0 ? args[0] : "data"));
        Path properties = Path.of("mnemo.properties");
        if (Files.isRegularFile(properties)) {
            config.propertiesFile(properties);
        }
        config.environment(System.getenv());
        try (MemoryService service = MemoryService.open(config.build())) {
            System.out.println("backend: " + service.backend().provider().name());
            System.out.println("model: " + service.model().name());
            MemoryStore ada = service.character("Ada");
            if (ada.stats().totalRecords() == 0) {
                for (int i = 0; i < FACTS.size(); i++) {
                    var fact = FACTS.get(i);
                    ada.add(MemoryDraft.of(FACT, fact.getKey(), SINCE.plusSeconds(3600L * i)).withMetadata(fact.getValue()));
                }
            }
            SearchRequest top2 = ada.defaultRequest().toBuilder().k(2).build();
            for (String question : QUESTIONS) {
                print(question, ada.search(question, top2));
            }
            SearchRequest importantWork = top2.toBuilder()
                    .metadata(MetadataFilter.and(MetadataFilter.eq("topic", "work"), MetadataFilter.gte("importance", 5)))
                    .build();
            print("[topic = work and importance >= 5] What is Ada's job?", ada.search("What is Ada's job?", importantWork));
        }
    }

    private static void print(String question, List<MemoryHit> hits) {
        System.out.println("Q: " + question);
        for (MemoryHit hit : hits) {
            System.out.println("  hit: " + hit.record().text());
        }
    }
}
