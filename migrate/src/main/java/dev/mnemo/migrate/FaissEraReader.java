package dev.mnemo.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads generation 2: {@code <name>_faiss.index}, {@code _metadata.json} and {@code _texts.pkl},
 * aligned by position. Only positions that every present file covers become rows; the others
 * are reported with the files that have and lack them. Without metadata, texts come from the
 * pickle as conversations stamped with the index file's modification time.
 */
final class FaissEraReader {
    /** The generation-2 part of a folder plan. */
    record Result(List<LegacyRow> rows, int indexVectors, List<UnimportedPosition> unimported,
                  List<Path> filesRead, List<String> warnings) {
    }

    /** One metadata entry, read before alignment so that a bad entry anywhere fails the folder. */
    private record Metadata(String text, RecordType type, String user, String assistant, Instant timestamp) {
    }

    private final LegacyJson json;

    FaissEraReader(LegacyJson json) {
        this.json = json;
    }

    Result read(LegacyFolder folder, LegacyFiles present) {
        Path indexFile = present.faissIndex() != null ? present.faissIndex() : folder.faissIndex();
        Path metadataFile = folder.metadataJson();
        Path textsFile = folder.textsPickle();
        if (!present.hasFaissEra()) {
            return new Result(List.of(), 0, List.of(), List.of(), List.of());
        }
        List<String> warnings = new ArrayList<>();

        // read everything before building anything: a corrupt file fails the folder, never half of it
        List<Metadata> metadata = present.metadataJson() != null ? readMetadata(metadataFile) : null;
        List<String> texts = present.textsPickle() != null ? LegacyTextsPickle.read(textsFile) : null;
        FlatVectors vectors = present.faissIndex() != null ? FaissFlatIndexReader.read(indexFile) : null;
        List<Path> filesRead = new ArrayList<>();
        for (Path file : new Path[] {present.metadataJson(), present.textsPickle(), present.faissIndex()}) {
            if (file != null) {
                filesRead.add(file);
            }
        }
        int indexCount = vectors == null ? 0 : vectors.count();
        int metadataCount = metadata == null ? -1 : metadata.size();
        int textsCount = texts == null ? -1 : texts.size();

        int covered = indexCount;
        if (metadata != null) {
            covered = Math.min(covered, metadataCount);
        }
        if (texts != null) {
            covered = Math.min(covered, textsCount);
        }
        if (metadata == null && texts == null) {
            covered = 0;
        }
        int longest = Math.max(indexCount, Math.max(metadataCount, textsCount));

        Instant indexTime = metadata == null && vectors != null ? modificationTime(indexFile) : null;
        if (metadata == null && covered > 0) {
            warnings.add(metadataFile.getFileName() + " is missing: " + covered + " texts taken from "
                    + textsFile.getFileName() + " as conversations stamped " + indexTime
                    + " (the index file's modification time)");
        }
        List<LegacyRow> rows = new ArrayList<>(covered);
        int textMismatches = 0;
        for (int i = 0; i < covered; i++) {
            float[] vector = vectors.vectors()[i];
            if (metadata != null) {
                Metadata m = metadata.get(i);
                if (texts != null && !texts.get(i).equals(m.text())) {
                    textMismatches++;
                }
                rows.add(new LegacyRow(LegacyGeneration.FAISS, i, m.type(), m.text(), m.user(), m.assistant(),
                        m.timestamp(), vector));
            } else {
                rows.add(new LegacyRow(LegacyGeneration.FAISS, i, RecordType.CONVERSATION, texts.get(i), null, null,
                        indexTime, vector));
            }
        }
        if (metadata != null && texts == null && covered > 0) {
            warnings.add(textsFile.getFileName() + " is missing: texts taken from " + metadataFile.getFileName());
        }
        if (textMismatches > 0) {
            warnings.add(textMismatches + " position(s) have a different text in " + metadataFile.getFileName()
                    + " than in " + textsFile.getFileName() + "; the metadata text was kept");
        }
        List<UnimportedPosition> unimported = new ArrayList<>();
        for (int i = covered; i < longest; i++) {
            unimported.add(new UnimportedPosition(i,
                    describeGap(indexFile, metadataFile, textsFile, i, vectors == null ? -1 : indexCount,
                            metadataCount, textsCount)));
        }
        return new Result(rows, indexCount, unimported, filesRead, warnings);
    }

    private List<Metadata> readMetadata(Path file) {
        JsonNode array = json.readArray(file);
        List<Metadata> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = LegacyJson.entry(file, array, i);
            entries.add(new Metadata(
                    LegacyJson.string(file, entry, i, "text", true),
                    LegacyJson.type(file, entry, i),
                    LegacyJson.string(file, entry, i, "user_message", false),
                    LegacyJson.string(file, entry, i, "assistant_message", false),
                    json.timestamp(file, entry, i)));
        }
        return entries;
    }

    /** Names the files that have position {@code i} and those that lack it (a count of -1 means absent). */
    private static String describeGap(Path indexFile, Path metadataFile, Path textsFile, int i, int indexCount,
                                      int metadataCount, int textsCount) {
        List<String> has = new ArrayList<>();
        List<String> lacks = new ArrayList<>();
        sort(indexFile, i, indexCount, has, lacks);
        sort(metadataFile, i, metadataCount, has, lacks);
        sort(textsFile, i, textsCount, has, lacks);
        return "position " + i + " is in " + (has.isEmpty() ? "no file" : String.join(" and ", has))
                + " but missing from " + String.join(" and ", lacks);
    }

    private static void sort(Path file, int i, int count, List<String> has, List<String> lacks) {
        String name = file.getFileName().toString();
        if (count < 0) {
            lacks.add(name + " (file absent)");
        } else if (i < count) {
            has.add(name);
        } else {
            lacks.add(name + " (" + count + " entries)");
        }
    }

    private static Instant modificationTime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw StorageException.of("cannot read the modification time of " + file, e);
        }
    }
}
