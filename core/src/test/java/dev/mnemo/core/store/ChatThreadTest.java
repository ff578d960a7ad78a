package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat threads in a store's SQLite file: replace, delete, list, survive a reopen and a backup, refuse bad input. */
class ChatThreadTest {
    @TempDir
    Path dataDir;

    @Test
    void savedThreadIsReplacedAsAWholeAndSurvivesReopen() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            assertThat(store.chatThread("user-1")).isEmpty();
            store.saveChatThread("user-1", "[{\"text\":\"hello\"}]");
            store.saveChatThread("user-2", "[]");
            store.saveChatThread("user-1", "[{\"text\":\"hello\"},{\"text\":\"again\"}]");
            assertThat(store.chatThreadIds()).containsExactly("user-1", "user-2");
        }
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            assertThat(store.chatThread("user-1")).contains("[{\"text\":\"hello\"},{\"text\":\"again\"}]");
            assertThat(store.chatThread("user-2")).contains("[]");
            assertThat(store.deleteChatThread("user-2")).isTrue();
            assertThat(store.deleteChatThread("user-2")).isFalse();
            assertThat(store.chatThreadIds()).containsExactly("user-1");
            assertThat(store.stats().totalRecords()).isZero();
        }
    }

    @Test
    void threadsAreKeptPerStore() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            service.character("Kafka").saveChatThread("t", "kafka's");
            assertThat(service.character("Silver Wolf").chatThread("t")).isEmpty();
        }
    }

    @Test
    void backupCarriesThreads() {
        Path backup = dataDir.resolve("backup.db");
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            store.saveChatThread("t", "before");
            store.backup(backup);
            store.saveChatThread("t", "after");
            store.restore(backup);
            assertThat(store.chatThread("t")).contains("before");
        }
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            assertThatThrownBy(() -> store.saveChatThread("", "[]"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("null or empty");
            assertThatThrownBy(() -> store.saveChatThread(null, "[]")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.chatThread("x".repeat(257)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("257 characters");
            assertThatThrownBy(() -> store.saveChatThread("a\0b", "[]"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
            assertThatThrownBy(() -> store.saveChatThread("t", null))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> store.saveChatThread("t", "x".repeat(ChatThreads.MAX_MESSAGES_CHARS + 1)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than the limit");
            assertThat(store.chatThreadIds()).isEmpty();
        }
    }

    @Test
    void closedStoreRefusesThreads() {
        MemoryService service = TestStores.service(dataDir, "exact");
        MemoryStore store = service.character("Kafka");
        service.close();
        assertThatThrownBy(() -> store.chatThreadIds()).isInstanceOf(StoreClosedException.class);
    }
}
