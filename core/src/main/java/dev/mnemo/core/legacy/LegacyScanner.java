package dev.mnemo.core.legacy;

import dev.mnemo.api.InvalidNameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * <p>Names are checked before they touch the file system, and a folder that is a link leading
 * out of the data directory is refused rather than followed. Stateless and thread-safe.
 */
public final class LegacyScanner {
    /** Index files written by the new store start with this (see {@code dev.mnemo.api.vector.IndexFiles}). */
    private static final byte[] NEW_INDEX_MAGIC = "MNEMOIDX".getBytes(StandardCharsets.US_ASCII);

    private final Path dataDir;

    /** @param dataDir the {@code data/} directory that holds {@code memory/} and {@code saves/} */
    public LegacyScanner(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /**
     * Every legacy folder under the data directory, characters first, each kind sorted by name.
     *
     * @throws InvalidNameException if a folder is a link that leads out of the data directory
     */
    public List<LegacyFolder> scanAll() {
        List<LegacyFolder> found = new ArrayList<>();
        for (LegacyKind kind : LegacyKind.values()) {
            Path parent = dataDir.resolve(kind.directory());
            if (!Files.isDirectory(parent)) {
                continue;
            }
            List<LegacyFolder> ofKind = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, Files::isDirectory)) {
                for (Path entry : entries) {
                    LegacyFolder folder = folder(kind, entry.getFileName().toString());
                    if (hasLegacyFiles(folder)) {
                        ofKind.add(folder);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + parent, e);
            }
            ofKind.sort(Comparator.comparing(LegacyFolder::name));
            found.addAll(ofKind);
        }
        return List.copyOf(found);
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
        String what = kind == LegacyKind.CHARACTER ? "character name" : "story id";
        Path parent = dataDir.resolve(kind.directory());
        Path directory = LegacyNames.resolveChild(parent, name, what);
        if (Files.exists(directory)) {
            checkStaysInside(directory, what, name);
        }
        return new LegacyFolder(directory, kind, name);
    }

    /** The legacy files present in a folder, in the order generation 1, then generation 2. */
    public static List<Path> legacyFiles(LegacyFolder folder) {
        List<Path> files = new ArrayList<>();
        for (Path candidate : List.of(folder.memoryJson(), folder.metadataJson(), folder.textsPickle())) {
            if (Files.isRegularFile(candidate)) {
                files.add(candidate);
            }
        }
        if (Files.isRegularFile(folder.faissIndex()) && !writtenByNewStore(folder.faissIndex())) {
            files.add(folder.faissIndex());
        }
        return List.copyOf(files);
    }

    /** Whether the folder holds any file the Python store wrote. */
    public static boolean hasLegacyFiles(LegacyFolder folder) {
        return !legacyFiles(folder).isEmpty();
    }

    private void checkStaysInside(Path directory, String what, String name) {
        try {
            Path realData = dataDir.toRealPath();
            Path realDirectory = directory.toRealPath();
            if (!realDirectory.startsWith(realData)) {
                throw new InvalidNameException(what + " '" + name + "' is a link that leads out of " + dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + directory, e);
        }
    }

    private static boolean writtenByNewStore(Path index) {
        byte[] head = new byte[NEW_INDEX_MAGIC.length];
        try (InputStream in = Files.newInputStream(index)) {
            int read = in.readNBytes(head, 0, head.length);
            return read == head.length && Arrays.equals(head, NEW_INDEX_MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
    }
}
