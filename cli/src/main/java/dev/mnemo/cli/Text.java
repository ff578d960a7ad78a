package dev.mnemo.cli;

import java.util.regex.Pattern;

/** Text shown in human output: one line, abbreviated. */
final class Text {
    private Text() {
    }

    private static final Pattern BREAK = Pattern.compile("[ \\t]*\\R\\s*");
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");

    /** Line breaks (with the indentation around them) as {@code ⏎}, cut to {@code max} code points with an ellipsis. */
    static String oneLine(String s, int max) {
        String flat = SPACES.matcher(BREAK.matcher(s.strip()).replaceAll(" ⏎ ")).replaceAll(" ");
        if (flat.codePointCount(0, flat.length()) <= max) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, max)) + "…";
    }
}
