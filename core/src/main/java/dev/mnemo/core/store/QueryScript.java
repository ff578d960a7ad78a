package dev.mnemo.core.store;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which writing system a query is in, so a hybrid search can leave out a vector leg whose model
 * cannot read it (an English model's vector of a Chinese question is noise, and fusing it in
 * ranks worse than the keyword leg alone).
 */
final class QueryScript {
    private QueryScript() {
    }

    /** The script most of the text's letters are written in; empty when it has no letters. */
    static Optional<UnicodeScript> dominant(String text) {
        Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
        text.codePoints().filter(Character::isLetter)
                .forEach(cp -> letters.merge(UnicodeScript.of(cp), 1, Integer::sum));
        letters.remove(UnicodeScript.COMMON);
        letters.remove(UnicodeScript.INHERITED);
        return letters.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /**
     * The script of a query the model cannot read, or empty when it can (or reads anything).
     *
     * @param modelScripts what the model reads; empty means any
     */
    static Optional<UnicodeScript> unreadable(String query, Set<UnicodeScript> modelScripts) {
        if (modelScripts.isEmpty()) {
            return Optional.empty();
        }
        return dominant(query).filter(script -> !modelScripts.contains(script));
    }
}
