package dev.mnemo.migrate;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.provider.VectorBackends;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.StoreNames;
import dev.mnemo.core.store.VerifyReport;
import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The migrator's boundary: core's public surface named in the package javadoc, and MnemoExceptions only. */
class MigrateArchitectureTest {
    private static final JavaClasses MAIN = ArchitectureRules.mainClasses("dev.mnemo.migrate");

    @Test
    void usesOnlyTheDocumentedPartOfCore() {
        DescribedPredicate<JavaClass> documented = JavaClass.Predicates.belongToAnyOf(MemoryService.class,
                MemoryStore.class, StoreNames.class, VerifyReport.class, MnemoConfig.class, VectorBackends.class);
        noClasses().that().resideInAPackage("dev.mnemo.migrate..")
                .should().dependOnClassesThat(resideInAPackage("dev.mnemo.core..").and(DescribedPredicate.not(documented)))
                .check(MAIN);
    }

    @Test
    void leavesCoreInternalsAlone() {
        ArchitectureRules.CORE_INTERNALS_STAY_IN_CORE.check(MAIN);
    }

    @Test
    void throwsMnemoExceptionsNotUncheckedIoExceptions() {
        ArchitectureRules.NO_UNCHECKED_IO_EXCEPTION.check(MAIN);
    }
}
