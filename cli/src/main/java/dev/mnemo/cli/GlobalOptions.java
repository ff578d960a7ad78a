package dev.mnemo.cli;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.StoreNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin): where the data is, configuration, output form, which store. */
public final class GlobalOptions {
    /** The character used when neither --character nor --story is given. */
    public static final String DEFAULT_CHARACTER = "default";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: ./data, or mnemo.data-dir from config/environment).")
    private Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with mnemo.* keys.")
    private Path configFile;

    @Option(names = "--store", paramLabel = "KIND",
            description = "Store kind: sqlite (default, one file per store) or postgres (mnemo.postgres.url, .user,"
                    + " .password, .schema); sets mnemo.store.kind.")
    private String storeKind;

    @Option(names = "-D", paramLabel = "key=value",
            description = "Sets a configuration key (repeatable); wins over --config and MNEMO_* variables.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--json", description = "Machine-readable output: one JSON document on stdout.")
    private boolean json;

    @Option(names = "--character", paramLabel = "NAME",
            description = "The character whose memory to use (default: " + DEFAULT_CHARACTER + ").")
    private String character;

    @Option(names = "--story", paramLabel = "ID", description = "The story save whose memory to use instead of a character.")
    private String story;

    @Option(names = "--verbose", description = "Stack traces on errors and informational logs.")
    private boolean verbose;

    public Path dataDir() {
        return dataDir;
    }

    public Path configFile() {
        return configFile;
    }

    /** The store kind given with --store, or null. */
    public String storeKind() {
        return storeKind;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }

    /** A label for the selected store: {@code character <name>} or {@code story <id>}. */
    public String storeLabel() {
        return story != null ? "story " + story : "character " + characterName();
    }

    /**
     * Checks the store selection before anything expensive (loading a model) happens.
     *
     * @throws CliException (usage) when both --character and --story are given
     * @throws dev.mnemo.api.InvalidNameException for a name that would leave the data directory
     */
    public void checkStoreSelection() {
        if (character != null && story != null) {
            throw new CliException(ExitCodes.USAGE, "give either --character or --story, not both");
        }
        if (story != null) {
            StoreNames.check("story", story);
        } else {
            StoreNames.check("character", characterName());
        }
    }

    /** The character named with --character, if any (no default applied). */
    public Optional<String> explicitCharacter() {
        return Optional.ofNullable(character);
    }

    /** The story named with --story, if any. */
    public Optional<String> explicitStory() {
        return Optional.ofNullable(story);
    }

    /** Opens the selected store of the service. */
    public MemoryStore openStore(MemoryService service) {
        checkStoreSelection();
        return story != null ? service.story(story) : service.character(characterName());
    }

    private String characterName() {
        return character != null ? character : DEFAULT_CHARACTER;
    }
}
