package dev.mnemo.reliability;

import dev.mnemo.api.MemoryDraft;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link CrashChild} acknowledged over all its runs on one data directory: the records
 * that must be present (with their texts) and those that must be absent. A write that was in
 * flight when the child died is in neither, since either outcome is correct for it.
 */
final class AckLedger {
    private final Map<Long, String> live = new LinkedHashMap<>();
    private final Map<Long, String> gone = new LinkedHashMap<>();
    private final Set<Long> old = new HashSet<>();
    private final Map<Long, String> temporary = new LinkedHashMap<>();
    private long acknowledgements;
    private long adds;
    private long deletes;
    private long prunes;

    /** Applies one line of the child's output; returns true when it was an acknowledgement. */
    boolean apply(String line) {
        String[] parts = line.split(" ", 3);
        switch (parts[0]) {
            case "ACK" -> {
                live.put(Long.parseLong(parts[1]), parts[2]);
                adds++;
            }
            case "OLD" -> {
                long id = Long.parseLong(parts[1]);
                live.put(id, parts[2]);
                old.add(id);
                adds++;
            }
            case "TMP" -> temporary.put(Long.parseLong(parts[1]),
                    MemoryDraft.conversationText(parts[2], CrashChild.DOOMED_ANSWER));
            case "DEL" -> {
                long id = Long.parseLong(parts[1]);
                String text = live.containsKey(id) ? live.remove(id) : temporary.remove(id);
                old.remove(id);
                gone.put(id, text);
                deletes++;
            }
            case "PRUNE" -> {
                for (long id : old) {
                    gone.put(id, live.remove(id));
                }
                old.clear();
                prunes++;
            }
            default -> {
                return false;
            }
        }
        acknowledgements++;
        return true;
    }

    /** Forgets records that were added but whose delete was not acknowledged: they may be either way. */
    void endOfRun() {
        temporary.clear();
    }

    /** Acknowledged records that must be present, with their texts. */
    Map<Long, String> live() {
        return live;
    }

    /** Acknowledged deletions (deletes and prunes), with the texts the records had. */
    Map<Long, String> gone() {
        return gone;
    }

    long acknowledgements() {
        return acknowledgements;
    }

    long adds() {
        return adds;
    }

    long deletes() {
        return deletes;
    }

    long prunes() {
        return prunes;
    }
}
