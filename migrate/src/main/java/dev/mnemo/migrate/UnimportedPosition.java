package dev.mnemo.migrate;

import java.util.Objects;

/**
 * A FAISS-era position that cannot be imported because the three files do not all cover it.
 *
 * @param position the position in the longest of the three files
 * @param reason   which files have it and which lack it
 */
public record UnimportedPosition(int position, String reason) {
    public UnimportedPosition {
        Objects.requireNonNull(reason, "reason");
    }
}
