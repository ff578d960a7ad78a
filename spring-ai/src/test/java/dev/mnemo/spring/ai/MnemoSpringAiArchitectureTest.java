package dev.mnemo.spring.ai;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The adapters go through MemoryStore's API and report failures as MnemoExceptions. */
class MnemoSpringAiArchitectureTest {
    private static final JavaClasses MAIN = ArchitectureRules.mainClasses("dev.mnemo.spring.ai");

    @Test
    void leavesCoreInternalsAlone() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_CORE.check(MAIN);
    }

    @Test
    void throwsMnemoExceptionsNotUncheckedIoExceptions() {
        ArchitectureRules.NO_UNCHECKED_IO_EXCEPTION.check(MAIN);
    }
}
