package dev.mnemo.postgres;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The postgres store kind reaches core through its SPI and public API only. */
class PostgresArchitectureTest {
    private static final JavaClasses MAIN = ArchitectureRules.mainClasses("dev.mnemo.postgres");

    @Test
    void leavesCoreInternalsAlone() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_CORE.check(MAIN);
    }

    @Test
    void throwsMnemoExceptionsNotUncheckedIoExceptions() {
        ArchitectureRules.NO_UNCHECKED_IO_EXCEPTION.check(MAIN);
    }
}
