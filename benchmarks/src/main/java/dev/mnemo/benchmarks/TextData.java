package dev.mnemo.benchmarks;

import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.core.provider.EmbeddingProviders;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real-text embeddings: Debian's fortune cookies ({@code /usr/share/games/fortunes}, packages
 * {@code fortunes} and {@code fortunes-zh}) embedded by the local {@code onnx} model
 * (all-MiniLM-L6-v2, 384 dimensions). The texts are deduplicated, put in a fixed order and
 * shuffled with a fixed seed; the first ones are the queries, the rest the data, so queries are
 * held-out texts. Embeddings are cached on disk because embedding takes a minute or more.
 */
public final class TextData {
    public static final Path FORTUNES = Path.of("/usr/share/games/fortunes");
    public static final int DIMENSION = 384;
    private static final int MAX_CHARS = 2000;
    private static final int BATCH = 256;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private TextData() {
    }

    /**
     * Embedded fortunes: {@code [0]} holds {@code queries} query vectors, {@code [1]} holds
     * {@code size} data vectors.
     *
     * @throws IllegalStateException when there are not enough fortunes or the onnx model cannot run
     */
    public static float[][][] embedded(int size, int queries, long seed, Path cacheDir) {
        Path file = cacheDir.resolve("text").resolve("fortunes-n" + size + "-q" + queries + "-s" + seed + ".bin");
        if (Files.exists(file)) {
            return read(file);
        }
        List<String> texts = texts(seed);
        if (texts.size() < size + queries) {
            throw new IllegalStateException("only " + texts.size() + " fortunes in " + FORTUNES + ", " + (size + queries)
                    + " needed (install the fortunes and fortunes-zh packages, or use a smaller size)");
        }
        float[][][] out = new float[2][][];
        // pinned to the model of the committed text-plan runs, so they stay comparable after the default changed
        try (EmbeddingModel model = EmbeddingProviders.discover().create("onnx", Map.of("model", "all-minilm-l6-v2-q"))) {
            out[0] = embed(model, texts.subList(0, queries));
            out[1] = embed(model, texts.subList(queries, queries + size));
        }
        write(file, out);
        return out;
    }

    /** Every distinct fortune, in a fixed shuffled order. */
    static List<String> texts(long seed) {
        Set<String> unique = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(FORTUNES)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().contains(".")) // skip .dat indexes and .u8 copies
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FORTUNES, e);
        }
        for (Path f : files) {
            String content;
            try {
                content = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            // entries are separated by lines holding only "%"; fortunes-zh colours its text with ANSI escapes
            StringBuilder entry = new StringBuilder();
            for (String line : (content + "\n%").split("\\R")) {
                if (line.strip().equals("%")) {
                    String text = stripEscapes(entry.toString());
                    if (!text.isEmpty() && text.length() <= MAX_CHARS && text.indexOf('\0') < 0) {
                        unique.add(text);
                    }
                    entry.setLength(0);
                } else {
                    entry.append(line).append('\n');
                }
            }
        }
        List<String> texts = new ArrayList<>(unique);
        Collections.shuffle(texts, new Random(seed));
        return texts;
    }

    /** Removes colour escapes; some are nested, so removing one can complete another. */
    static String stripEscapes(String text) {
        String out = text;
        String previous;
        do {
            previous = out;
            out = ANSI.matcher(out).replaceAll("");
        } while (!out.equals(previous));
        return out.replace("\u001B", "").strip();
    }

    private static float[][] embed(EmbeddingModel model, List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<float[]> vectors = model.embed(texts.subList(from, Math.min(texts.size(), from + BATCH)));
            for (int i = 0; i < vectors.size(); i++) {
                out[from + i] = ClusteredData.normalise(vectors.get(i).clone());
            }
        }
        return out;
    }

    private static float[][][] read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            float[][][] out = new float[2][][];
            for (int part = 0; part < 2; part++) {
                out[part] = new float[in.readInt()][];
                int dim = in.readInt();
                for (int i = 0; i < out[part].length; i++) {
                    out[part][i] = new float[dim];
                    for (int j = 0; j < dim; j++) {
                        out[part][i][j] = in.readFloat();
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached embeddings " + file + " (delete the cache)", e);
        }
    }

    private static void write(Path file, float[][][] parts) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                for (float[][] part : parts) {
                    out.writeInt(part.length);
                    out.writeInt(part.length == 0 ? 0 : part[0].length);
                    for (float[] v : part) {
                        for (float x : v) {
                            out.writeFloat(x);
                        }
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embeddings cache " + file, e);
        }
    }
}
