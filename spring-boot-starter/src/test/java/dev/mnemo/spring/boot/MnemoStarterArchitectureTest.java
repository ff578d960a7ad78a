package dev.mnemo.spring.boot;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class MnemoStarterArchitectureTest {
    private static final JavaClasses MAIN = ArchitectureRules.mainClasses("dev.mnemo.spring.boot");

    @Test
    void leavesCoreInternalsAlone() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_CORE.check(MAIN);
    }

    @Test
    void throwsMnemoExceptionsNotUncheckedIoExceptions() {
        ArchitectureRules.NO_UNCHECKED_IO_EXCEPTION.check(MAIN);
    }
}
