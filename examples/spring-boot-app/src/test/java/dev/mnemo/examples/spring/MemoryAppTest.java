package dev.mnemo.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.core.store.MemoryService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The example app, started as a user starts it: memories stored in one run are recalled in the next. */
class MemoryAppTest {
    @TempDir
    Path dir;

    @Test
    void aStoredMemoryIsRecalledAfterARestart() {
        String dataDir = "--mnemo.data-dir=" + dir;
        try (ConfigurableApplicationContext app = SpringApplication.run(MemoryApp.class, dataDir,
                "--remember=Kafka drinks green tea every morning.",
                "--remember=The train to Belobog leaves at dawn.",
                "--remember=March 7th collects photographs of the sky.")) {
            assertThat(app.getBean(MemoryService.class).backend().provider().name()).isEqualTo("jvector");
        }
        try (ConfigurableApplicationContext app = SpringApplication.run(MemoryApp.class, dataDir,
                "--recall=What does Kafka like to drink?", "--top-k=2")) {
            List<Document> recalled = app.getBean(MemoryCommands.class).lastRecall();
            assertThat(recalled).hasSize(2);
            assertThat(recalled.get(0).getText()).isEqualTo("Kafka drinks green tea every morning.");
            assertThat(recalled.get(0).getMetadata()).containsEntry("source", "command line");
        }
        assertThat(dir.resolve("memory/assistant/assistant_memory.db")).isRegularFile();
    }
}
