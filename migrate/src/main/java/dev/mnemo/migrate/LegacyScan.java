package dev.mnemo.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link LegacyScanner#scan()} found under a data directory.
 *
 * @param folders legacy folders, characters first, each kind sorted by name
 * @param refused folders that were not taken, each with the reason (an unsafe name, a link
 *                leading out of the data directory)
 */
public record LegacyScan(List<LegacyFolder> folders, List<Refused> refused) {
    public LegacyScan {
        folders = List.copyOf(folders);
        refused = List.copyOf(refused);
    }

    /** A folder that looks like a legacy folder but cannot be used, and why. */
    public record Refused(Path directory, String reason) {
        public Refused {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
