package dev.mnemo.cli;

/** Text shown in human output: one line, abbreviated. */
final class Text {
    private Text() {
    }

    /** Line breaks as {@code ⏎}, cut to {@code max} code points with an ellipsis. */
    static String oneLine(String s, int max) {
        String flat = s.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ").replace('\t', ' ');
        if (flat.codePointCount(0, flat.length()) <= max) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, max)) + "…";
    }
}
