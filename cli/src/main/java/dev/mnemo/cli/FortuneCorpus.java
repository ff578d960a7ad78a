package dev.mnemo.cli;

import dev.mnemo.api.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The demo's text: Debian's fortune files ({@code fortunes}, English; {@code fortunes-zh},
 * Chinese), entries separated by lines holding only {@code %}. A file counts as Chinese when most
 * of its letters are CJK ideographs, so a corpus directory may mix both (as Debian's does).
 *
 * @param english English entries, in file-name then file order
 * @param chinese Chinese entries, likewise
 */
record FortuneCorpus(List<String> english, List<String> chinese) {
    /** Where Debian installs both packages. */
    static final Path DEBIAN_DIR = Path.of("/usr/share/games/fortunes");
    /** Longer entries (whole poems, ASCII art) make poor demo output. */
    static final int MAX_ENTRY_CHARS = 600;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    /**
     * Reads the fortune files directly in {@code dir} and in its {@code zh/} subdirectory (data
     * files only: no {@code .dat} indexes, no {@code .u8} links).
     *
     * @throws CliException (not found) naming the missing package when either language is absent
     */
    static FortuneCorpus load(Path dir) {
        List<String> english = new ArrayList<>();
        List<String> chinese = new ArrayList<>();
        for (Path file : files(dir)) {
            List<String> entries = entries(file);
            (mostlyChinese(entries) ? chinese : english).addAll(entries);
        }
        if (english.isEmpty() || chinese.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, "demo corpus not found: " + dir + " has no "
                    + (english.isEmpty() ? "English fortunes (Debian package 'fortunes')" : "")
                    + (english.isEmpty() && chinese.isEmpty() ? " and no " : "")
                    + (chinese.isEmpty() ? "Chinese fortunes (Debian package 'fortunes-zh')" : "")
                    + "; run scripts/setup.sh to install them, or pass --corpus DIR");
        }
        return new FortuneCorpus(List.copyOf(english), List.copyOf(chinese));
    }

    /** About {@code limit} entries spread evenly over the whole list (so every file contributes). */
    static List<String> sample(List<String> entries, int limit) {
        if (entries.size() <= limit) {
            return entries;
        }
        List<String> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(entries.get((int) ((long) i * entries.size() / limit)));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<Path> files(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("zh"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !p.getFileName().toString().endsWith(".dat"))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                throw StorageException.of("cannot list " + d, e);
            }
        }
        return out;
    }

    private static List<String> entries(Path file) {
        String content;
        try {
            // a few old files are not clean UTF-8: decoding replaces bad bytes instead of failing
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw StorageException.of("cannot read " + file, e);
        }
        List<String> out = new ArrayList<>();
        for (String raw : content.split("(?m)^%[ \\t]*(?:\\R|\\z)")) {
            String entry = stripColours(raw).strip();
            if (!entry.isEmpty() && entry.length() <= MAX_ENTRY_CHARS && entry.indexOf('\uFFFD') < 0) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Removes ANSI colour codes; fortunes-zh nests some ({@code ESC[ESC[35;1m;m}), hence the loop. */
    static String stripColours(String s) {
        String out = s;
        String previous;
        do {
            previous = out;
            out = ANSI.matcher(out).replaceAll("");
        } while (!out.equals(previous));
        return out.replace("\u001B", "");
    }

    private static boolean mostlyChinese(List<String> entries) {
        long letters = 0;
        long cjk = 0;
        for (String e : entries) {
            for (int i = 0; i < e.length(); i++) {
                char c = e.charAt(i);
                if (Character.isLetter(c)) {
                    letters++;
                    if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                        cjk++;
                    }
                }
            }
        }
        return letters > 0 && cjk * 2 > letters;
    }
}
