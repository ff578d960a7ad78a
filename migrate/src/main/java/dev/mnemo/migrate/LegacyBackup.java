package dev.mnemo.migrate;

import dev.mnemo.api.StorageException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * File moves of a migration: parking the legacy FAISS index while a store that would overwrite it
 * is open, and moving the legacy files into {@code backup_before_migration/} at the end. Moves
 * within one folder are renames: a file is at its old place or its new one, never lost in between.
 */
final class LegacyBackup {
    private LegacyBackup() {
    }

    /**
     * Whether every present legacy file already has an identical copy in the backup folder, i.e.
     * the folder was migrated and the files were put back (importing them again would duplicate rows).
     */
    static boolean allBackedUp(LegacyFolder folder, LegacyFiles files) {
        Path backup = folder.backupDirectory();
        if (!Files.isDirectory(backup) || files.isEmpty()) {
            return false;
        }
        try {
            for (Path file : files.all()) {
                Path copy = backup.resolve(originalName(folder, file));
                if (!Files.isRegularFile(copy) || Files.mismatch(file, copy) != -1) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw StorageException.of("cannot compare legacy files with " + backup, e);
        }
    }

    /**
     * Renames {@code <name>_faiss.index} to {@code <name>_faiss.index.legacy} when the store would
     * write its own index under that name.
     *
     * @return whether the file was parked by this call
     */
    static boolean parkIfColliding(LegacyFolder folder, LegacyFiles files, Path storeIndexFile) {
        if (files.faissIndex() == null || !files.faissIndex().equals(folder.faissIndex())
                || !storeIndexFile.toAbsolutePath().normalize().equals(folder.faissIndex().toAbsolutePath().normalize())) {
            return false;
        }
        move(folder.faissIndex(), folder.parkedFaissIndex());
        return true;
    }

    /**
     * Puts a parked legacy index back, removing the index a store wrote in its place (a derived
     * file the store rebuilds from its database).
     */
    static void unpark(LegacyFolder folder) {
        if (!Files.isRegularFile(folder.parkedFaissIndex())) {
            return;
        }
        try {
            if (Files.isRegularFile(folder.faissIndex())) {
                if (!LegacyScanner.writtenByNewStore(folder.faissIndex())) {
                    return; // not ours to remove; LegacyScanner reports both files
                }
                Files.delete(folder.faissIndex());
            }
        } catch (IOException e) {
            throw StorageException.of("cannot remove the store index " + folder.faissIndex(), e);
        }
        move(folder.parkedFaissIndex(), folder.faissIndex());
    }

    /**
     * Moves the legacy files into the backup folder under their legacy names (a parked index
     * goes back to {@code <name>_faiss.index}). A file whose identical copy is already there is
     * removed instead; a different file of the same name gets a numbered name.
     *
     * @return where each file went, in the order of {@link LegacyFiles#all()}
     */
    static List<Path> moveAll(LegacyFolder folder, LegacyFiles files) {
        Path backup = folder.backupDirectory();
        List<Path> moved = new ArrayList<>();
        try {
            Files.createDirectories(backup);
            for (Path file : files.all()) {
                String name = originalName(folder, file);
                Path target = backup.resolve(name);
                if (Files.isRegularFile(target) && Files.mismatch(file, target) == -1) {
                    Files.delete(file);
                } else {
                    for (int n = 1; Files.exists(target); n++) {
                        target = backup.resolve(name + "." + n);
                    }
                    move(file, target);
                }
                moved.add(target);
            }
        } catch (IOException e) {
            throw StorageException.of("cannot move legacy files into " + backup, e);
        }
        return moved;
    }

    /** Where {@link #moveAll} would put each file, for a dry run. */
    static List<Path> targets(LegacyFolder folder, LegacyFiles files) {
        return files.all().stream().map(f -> folder.backupDirectory().resolve(originalName(folder, f))).toList();
    }

    private static String originalName(LegacyFolder folder, Path file) {
        return file.equals(folder.parkedFaissIndex()) ? folder.faissIndex().getFileName().toString()
                : file.getFileName().toString();
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
        } catch (IOException e) {
            throw StorageException.of("cannot move " + from + " to " + to, e);
        }
    }
}
