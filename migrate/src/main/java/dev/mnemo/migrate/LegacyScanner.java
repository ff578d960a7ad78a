package dev.mnemo.migrate;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidNameException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.vector.IndexFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds legacy folders under a {@code data/} directory: {@code memory/*} for characters and
 * {@code saves/*} for story saves. A folder counts as legacy when it holds at least one file the
 * Python store wrote ({@code <name>_memory.json}, {@code _metadata.json}, {@code _texts.pkl}, or a
 * {@code _faiss.index} that is not one the new store wrote).
 *
 * <p>Names are checked with the store's rules before they touch the file system, and a folder
 * that is a link leading out of the data directory is refused rather than followed. Stateless
 * and thread-safe.
 */
public final class LegacyScanner {
    /** Index files written by the new store start with this (see {@code IndexFiles}). */
    private static final byte[] NEW_INDEX_MAGIC = "MNEMOIDX".getBytes(StandardCharsets.US_ASCII);

    private final Path dataDir;

    /** @param dataDir the {@code data/} directory that holds {@code memory/} and {@code saves/} */
    public LegacyScanner(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The data directory scanned. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Every legacy folder under the data directory, and the folders refused with the reason. A
     * refused folder does not stop the others.
     */
    public LegacyScan scan() {
        List<LegacyFolder> found = new ArrayList<>();
        List<LegacyScan.Refused> refused = new ArrayList<>();
        for (LegacyKind kind : LegacyKind.values()) {
            Path parent = dataDir.resolve(kind.directory());
            if (!Files.isDirectory(parent)) {
                continue;
            }
            List<LegacyFolder> ofKind = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, Files::isDirectory)) {
                for (Path entry : entries) {
                    try {
                        LegacyFolder folder = folder(kind, entry.getFileName().toString());
                        if (hasLegacyFiles(folder)) {
                            ofKind.add(folder);
                        }
                    } catch (InvalidNameException e) {
                        refused.add(new LegacyScan.Refused(entry, e.getMessage()));
                    }
                }
            } catch (IOException e) {
                throw StorageException.of("cannot list " + parent, e);
            }
            ofKind.sort(Comparator.comparing(LegacyFolder::name));
            found.addAll(ofKind);
        }
        refused.sort(Comparator.comparing(LegacyScan.Refused::directory));
        return new LegacyScan(found, refused);
    }

    /**
     * The legacy folder of one character or story, if it exists and holds legacy files.
     *
     * @throws InvalidNameException if the name could leave the data directory
     */
    public Optional<LegacyFolder> find(LegacyKind kind, String name) {
        LegacyFolder folder = folder(kind, name);
        return hasLegacyFiles(folder) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * The folder a character or story would have, whether or not it exists.
     *
     * @throws InvalidNameException if the name could leave the data directory, or the folder
     *                              exists and is a link to somewhere outside it
     */
    public LegacyFolder folder(LegacyKind kind, String name) {
        Objects.requireNonNull(kind, "kind");
        Path directory = LegacyNames.resolveChild(dataDir.resolve(kind.directory()), name, kind);
        if (Files.exists(directory)) {
            checkStaysInside(directory, kind, name);
        }
        return new LegacyFolder(directory, kind, name);
    }

    /**
     * The legacy files present in a folder. The FAISS index counts when it is not the new store's
     * own file, or when an interrupted migration parked it aside.
     *
     * @throws CorruptFileException if both a legacy index and a parked one are present (which is
     *                              the real one is for a person to decide)
     */
    public static LegacyFiles files(LegacyFolder folder) {
        Path index = null;
        boolean regular = Files.isRegularFile(folder.faissIndex()) && !writtenByNewStore(folder.faissIndex());
        boolean parked = Files.isRegularFile(folder.parkedFaissIndex());
        if (regular && parked) {
            throw new CorruptFileException(folder.parkedFaissIndex(), "both " + folder.faissIndex().getFileName()
                    + " and this parked copy exist; keep the one the legacy store wrote and remove the other");
        }
        if (regular) {
            index = folder.faissIndex();
        } else if (parked) {
            index = folder.parkedFaissIndex();
        }
        return new LegacyFiles(existing(folder.memoryJson()), existing(folder.metadataJson()),
                existing(folder.textsPickle()), index);
    }

    /** Whether the folder holds any file the Python store wrote. */
    public static boolean hasLegacyFiles(LegacyFolder folder) {
        return !files(folder).isEmpty();
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    private void checkStaysInside(Path directory, LegacyKind kind, String name) {
        try {
            Path realData = dataDir.toRealPath();
            Path realDirectory = directory.toRealPath();
            if (!realDirectory.startsWith(realData)) {
                throw new InvalidNameException(LegacyNames.kindWord(kind) + " folder '" + name
                        + "' is a link that leads out of " + dataDir);
            }
        } catch (IOException e) {
            throw StorageException.of("cannot resolve " + directory, e);
        }
    }

    /** Whether an index file starts with the new store's container magic. */
    static boolean writtenByNewStore(Path index) {
        byte[] head = new byte[NEW_INDEX_MAGIC.length];
        try (InputStream in = Files.newInputStream(index)) {
            int read = in.readNBytes(head, 0, head.length);
            return read == head.length && Arrays.equals(head, NEW_INDEX_MAGIC);
        } catch (IOException e) {
            throw StorageException.of("cannot read " + index, e);
        }
    }
}
