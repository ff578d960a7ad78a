package dev.mnemo.langchain4j;

import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The adapter is a client of the store API like any application. */
class LangChain4jArchitectureTest {
    @Test
    void leavesCoreInternalsAlone() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_CORE.check(ArchitectureRules.mainClasses("dev.mnemo.langchain4j"));
    }
}
