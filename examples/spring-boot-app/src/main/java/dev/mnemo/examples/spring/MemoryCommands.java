package dev.mnemo.examples.spring;

import dev.mnemo.core.store.MemoryStore;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Stores and recalls memories through the beans the starter provides: Spring AI's
 * {@link VectorStore} (a Mnemo store underneath) for the memories, Mnemo's own {@link MemoryStore}
 * for the statistics.
 */
@Component
public class MemoryCommands implements ApplicationRunner {
    private final VectorStore memories;
    private final MemoryStore store;
    private volatile List<Document> lastRecall = List.of();

    public MemoryCommands(VectorStore memories, MemoryStore store) {
        this.memories = memories;
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> remember = args.containsOption("remember") ? args.getOptionValues("remember") : List.of();
        if (!remember.isEmpty()) {
            memories.add(remember.stream().map(text -> new Document(text, Map.of("source", "command line"))).toList());
            System.out.printf("remembered %d; %s now holds %d memories%n", remember.size(), store.name(),
                    store.stats().totalRecords());
        }
        int k = args.containsOption("top-k") ? Integer.parseInt(args.getOptionValues("top-k").get(0)) : 3;
        for (String query : args.containsOption("recall") ? args.getOptionValues("recall") : List.<String>of()) {
            lastRecall = memories.similaritySearch(SearchRequest.builder().query(query).topK(k).build());
            System.out.println("recall: " + query);
            for (Document memory : lastRecall) {
                System.out.printf("  %.3f  %s%n", memory.getScore(), memory.getText());
            }
        }
    }

    /** What the last {@code --recall} found, best first. */
    public List<Document> lastRecall() {
        return lastRecall;
    }
}
