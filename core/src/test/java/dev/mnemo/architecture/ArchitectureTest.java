package dev.mnemo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.mnemo.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * Guardrails: the api module needs nothing but the JDK; library code never prints or dies, and
 * reports every failure as a MnemoException.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.mnemo");
    @Test
    void apiDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.mnemo.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.mnemo.api..", "java..")
                .check(MAIN);
    }

    @Test
    void apiDoesNotKnowTheImplementations() {
        noClasses().that().resideInAPackage("dev.mnemo.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.mnemo.core..")
                .check(MAIN);
    }

    @Test
    void libraryCodeDoesNotWriteToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    @Test
    void libraryCodeDoesNotExitTheJvmOrUseJavaUtilLogging() {
        noClasses().should().callMethod(System.class, "exit", int.class).check(MAIN);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
    }

    @Test
    void libraryCodeThrowsMnemoExceptionsNotUncheckedIoExceptions() {
        ArchitectureRules.NO_UNCHECKED_IO_EXCEPTION.check(MAIN);
    }
}
