package dev.mnemo.core.store;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;

/** What text a record may hold: not blank, within the configured length, valid UTF-16. */
final class TextRules {
    private final int maxChars;

    TextRules(int maxChars) {
        this.maxChars = maxChars;
    }

    void check(MemoryDraft draft) {
        check("text", draft.text());
    }

    void check(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(what + " is empty or only white space");
        }
        if (text.length() > maxChars) {
            throw new InvalidInputException(what + " has " + text.length() + " characters, more than the limit of "
                    + maxChars + " (mnemo.store.max-text-chars)");
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new InvalidInputException(what + " has an unpaired UTF-16 surrogate at position " + i);
            } else if (ch == 0) {
                throw new InvalidInputException(what + " contains a NUL character at position " + i);
            }
        }
    }
}
