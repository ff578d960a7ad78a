package dev.mnemo.cli;

import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The command line is a client of the store API like any application. */
class CliArchitectureTest {
    @Test
    void leavesCoreInternalsAlone() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_CORE.check(ArchitectureRules.mainClasses("dev.mnemo.cli"));
    }
}
