package dev.mnemo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** mnemo-bom has no parent, so nothing keeps it in step with the build but this test. */
class BomTest {
    /** Modules that are not libraries an app depends on. */
    private static final Set<String> UNPUBLISHED = Set.of("mnemo-bom", "mnemo-cli", "mnemo-benchmarks");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>([^<$]+)</version>");

    @Test
    void bomHasTheProjectVersionAndEveryPublishedModule() throws Exception {
        Path root = Commands.property("mnemo.root.dir");
        String bom = Files.readString(root.resolve("bom/pom.xml"));
        assertThat(first(VERSION, bom)).isEqualTo(System.getProperty("mnemo.version"));

        List<String> published = all(MODULE, Files.readString(root.resolve("pom.xml"))).stream()
                .filter(module -> !module.startsWith("examples/"))
                .map(module -> artifactIdOf(root.resolve(module).resolve("pom.xml")))
                .filter(artifactId -> !UNPUBLISHED.contains(artifactId))
                .toList();
        assertThat(published).contains("mnemo-api", "mnemo-core");
        assertThat(all(ARTIFACT, bom)).containsAll(published);
    }

    private static String artifactIdOf(Path pom) {
        try {
            // the module's own artifactId follows its parent block
            String text = Files.readString(pom);
            int afterParent = text.contains("</parent>") ? text.indexOf("</parent>") : 0;
            return first(ARTIFACT, text.substring(afterParent));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + pom, e);
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in the pom", pattern).isTrue();
        return m.group(1);
    }

    private static List<String> all(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(r -> r.group(1)).collect(Collectors.toList());
    }
}
