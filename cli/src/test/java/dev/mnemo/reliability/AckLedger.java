package dev.mnemo.reliability;

import dev.mnemo.api.MemoryDraft;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What a {@link CrashChild} acknowledged over all its runs on one data directory: the records
 * that must be present (with their texts) and those that must be absent. A record whose delete
 * was announced but not acknowledged when the child died may be either way: it is uncertain until
 * the store, reopened, shows which, and from then on must stay so.
 */
final class AckLedger {
    private final Map<Long, String> live = new LinkedHashMap<>();
    private final Map<Long, String> gone = new LinkedHashMap<>();
    private final Set<Long> old = new HashSet<>();
    private final Map<Long, String> uncertain = new LinkedHashMap<>();
    private final Set<Long> uncertainOld = new HashSet<>();
    private final Set<Long> pruning = new HashSet<>();
    private long acknowledgements;
    private long adds;
    private long deletes;
    private long prunes;
    private long resolvedPresent;
    private long resolvedGone;

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
            case "TMP" -> {
                // acknowledged, but its delete comes next
                uncertain.put(Long.parseLong(parts[1]), MemoryDraft.conversationText(parts[2], CrashChild.DOOMED_ANSWER));
                adds++;
            }
            case "DELETING" -> {
                long id = Long.parseLong(parts[1]);
                makeUncertain(id);
                return false;
            }
            case "DEL" -> {
                long id = Long.parseLong(parts[1]);
                uncertainOld.remove(id);
                String text = uncertain.remove(id);
                if (text != null) {
                    gone.put(id, text);
                }
                deletes++;
            }
            case "PRUNING" -> {
                pruning.addAll(old);
                for (long id : Set.copyOf(old)) {
                    makeUncertain(id);
                }
                return false;
            }
            case "PRUNE" -> {
                for (long id : pruning) {
                    if (uncertain.containsKey(id)) {
                        uncertainOld.remove(id);
                        gone.put(id, uncertain.remove(id));
                    }
                }
                pruning.clear();
                prunes++;
            }
            default -> {
                return false;
            }
        }
        acknowledgements++;
        return true;
    }

    private void makeUncertain(long id) {
        if (live.containsKey(id)) {
            uncertain.put(id, live.remove(id));
        }
        if (old.remove(id)) {
            uncertainOld.add(id);
        }
    }

    /**
     * After a kill and reopen: each uncertain record is settled by what the store now holds
     * (present: it must stay, absent: it must stay away).
     */
    void settle(LongPredicate present) {
        for (Map.Entry<Long, String> e : uncertain.entrySet()) {
            long id = e.getKey();
            if (present.test(id)) {
                live.put(id, e.getValue());
                if (uncertainOld.contains(id)) {
                    old.add(id);
                }
                resolvedPresent++;
            } else {
                gone.put(id, e.getValue());
                resolvedGone++;
            }
        }
        uncertain.clear();
        uncertainOld.clear();
        pruning.clear();
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

    /** Writes in flight at a kill: how many turned out committed, and how many not. */
    String inFlight() {
        return resolvedPresent + " committed, " + resolvedGone + " not";
    }
}
