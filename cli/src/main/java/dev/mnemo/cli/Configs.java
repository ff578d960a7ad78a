package dev.mnemo.cli;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.core.config.MnemoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the configuration of one invocation. Precedence, lowest first: defaults, the
 * {@code --config} file, {@code MNEMO_*} environment variables, {@code --data-dir} and {@code --store}, {@code -D}.
 */
final class Configs {
    private Configs() {
    }

    /**
     * @param dataDirOverride a data directory that wins over config and environment (but not -D), or null
     * @throws CliException (usage) for a malformed key or value, (not found) for a missing --config file
     */
    static MnemoConfig build(GlobalOptions options, Map<String, String> environment, Path dataDirOverride) {
        try {
            MnemoConfig.Builder b = MnemoConfig.builder();
            Path file = options.configFile();
            if (file != null) {
                if (!Files.isRegularFile(file)) {
                    throw new CliException(ExitCodes.NOT_FOUND, "configuration file not found: " + file);
                }
                b.propertiesFile(file);
            }
            b.environment(environment);
            if (dataDirOverride != null) {
                b.dataDir(dataDirOverride);
            }
            if (options.storeKind() != null) {
                b.set(MnemoConfig.STORE_KIND, options.storeKind());
            }
            options.overrides().forEach(b::set);
            return b.build();
        } catch (InvalidInputException e) {
            throw new CliException(ExitCodes.USAGE, "configuration: " + e.getMessage(), e);
        }
    }
}
