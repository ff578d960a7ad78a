package dev.mnemo.spring.boot;

import dev.mnemo.core.config.MnemoConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Builds a {@link MnemoConfig} from the Spring {@code Environment}: every {@code mnemo.*} key
 * that Mnemo knows (README "Configuration": {@code mnemo.data-dir}, {@code mnemo.vector.backend},
 * {@code mnemo.embedding.provider}, {@code mnemo.embedding.onnx.model}, ...), from any property
 * source (application properties or YAML, system properties, command-line arguments), written as
 * Mnemo spells them (kebab-case). {@code MNEMO_*} environment variables map to keys as in the
 * rest of Mnemo ({@code MNEMO_VECTOR_BACKEND}). Spring's precedence decides between sources.
 * The starter's own {@code mnemo.spring.*} keys are left out.
 */
final class MnemoConfigFactory {
    private static final String PREFIX = "mnemo.";
    private static final String STARTER_PREFIX = "mnemo.spring.";

    private MnemoConfigFactory() {
    }

    static MnemoConfig from(ConfigurableEnvironment environment) {
        MnemoConfig.Builder builder = MnemoConfig.builder();
        // environment variables first, with Mnemo's own mapping (MNEMO_DATA_DIR -> mnemo.data-dir)
        Map<String, String> variables = new LinkedHashMap<>();
        environment.getPropertySources().stream()
                .filter(SystemEnvironmentPropertySource.class::isInstance)
                .map(SystemEnvironmentPropertySource.class::cast)
                .forEach(source -> source.getSource().forEach((name, value) -> variables.putIfAbsent(name,
                        String.valueOf(value))));
        builder.environment(variables);
        // then every key named in another source, at the value Spring resolves for it (which is the
        // environment variable's when that source ranks higher, as it does by default)
        for (String key : keys(environment)) {
            builder.set(key, environment.getProperty(key));
        }
        return builder.build();
    }

    private static Set<String> keys(ConfigurableEnvironment environment) {
        Set<String> keys = new TreeSet<>();
        List<PropertySource<?>> sources = new ArrayList<>();
        environment.getPropertySources().forEach(sources::add);
        for (PropertySource<?> source : sources) {
            if (source instanceof EnumerablePropertySource<?> enumerable
                    && !(source instanceof SystemEnvironmentPropertySource)) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX) && !name.startsWith(STARTER_PREFIX)) {
                        keys.add(name);
                    }
                }
            }
        }
        return keys;
    }
}
