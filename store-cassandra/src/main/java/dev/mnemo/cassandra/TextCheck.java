package dev.mnemo.cassandra;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.InvalidNameException;

/** What a record's text and a store's name may be; the same limits as the SQLite store. */
final class TextCheck {
    static final int MAX_NAME_CHARS = 255;

    private TextCheck() {
    }

    /** Refuses a blank or over-long text, one with a NUL or an unpaired surrogate. */
    static void text(String what, String text, int maxChars) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(what + " is empty or only white space");
        }
        if (text.length() > maxChars) {
            throw new InvalidInputException(what + " has " + text.length() + " characters, more than the limit of "
                    + maxChars + " (mnemo.store.max-text-chars)");
        }
        int bad = firstBadChar(text, false);
        if (bad >= 0) {
            throw new InvalidInputException(what + (text.charAt(bad) == 0 ? " contains a NUL character"
                    : " has an unpaired UTF-16 surrogate") + " at position " + bad);
        }
    }

    /** A store name is the partition key: 1-255 characters, no control characters or broken UTF-16. */
    static String storeName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS) {
            throw new InvalidNameException("store name must be 1-" + MAX_NAME_CHARS + " characters and not blank");
        }
        int bad = firstBadChar(name, true);
        if (bad >= 0) {
            throw new InvalidNameException("store name has a control character or broken UTF-16 at position " + bad);
        }
        return name;
    }

    private static int firstBadChar(String s, boolean noControls) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch) || ch == 0 || noControls && Character.isISOControl(ch)) {
                return i;
            }
        }
        return -1;
    }
}
