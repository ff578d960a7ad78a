package dev.mnemo.migrate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The note a migration leaves beside the legacy files just before it commits: how many records
 * the store held and how many it is adding. Since the import is one transaction, after a crash
 * the store holds either {@code recordsBefore} records (nothing happened) or
 * {@code recordsBefore + rows} (committed; only the file move is left), and the next run knows
 * which.
 * (Another process writing the same store during a migration would defeat this count; a
 * migration is meant to run alone.)
 *
 * @param rows          rows the migration imports
 * @param recordsBefore records in the store before the import
 */
record MigrationJournal(int rows, long recordsBefore) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static MigrationJournal of(LegacyFolderPlan plan, long recordsBefore) {
        return new MigrationJournal(plan.rows().size(), recordsBefore);
    }

    /** The journal of a folder, or {@code null} when there is none. */
    static MigrationJournal read(LegacyFolder folder) {
        Path file = folder.migrationJournal();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.path("rows").isInt() || !node.path("recordsBefore").isIntegralNumber()) {
                throw new CorruptFileException(file, "not a migration journal (rows, recordsBefore)");
            }
            return new MigrationJournal(node.get("rows").intValue(), node.get("recordsBefore").longValue());
        } catch (JacksonException e) {
            throw new CorruptFileException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw StorageException.of("cannot read " + file, e);
        }
    }

    /** Writes the journal durably: temporary file, fsync, atomic rename. */
    void write(LegacyFolder folder) {
        Path target = folder.migrationJournal();
        ObjectNode node = JSON.createObjectNode().put("rows", rows).put("recordsBefore", recordsBefore);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw StorageException.of("cannot write the migration journal " + target, e);
        }
    }

    static void delete(LegacyFolder folder) {
        try {
            Files.deleteIfExists(folder.migrationJournal());
        } catch (IOException e) {
            throw StorageException.of("cannot delete " + folder.migrationJournal(), e);
        }
    }
}
