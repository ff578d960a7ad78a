package dev.mnemo.testkit;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.UncheckedIOException;

/** ArchUnit rules every library module checks against its own main classes. */
public final class ArchitectureRules {
    /**
     * Every failure the library reports is a {@code MnemoException}: a failed file operation is a
     * {@code StorageException} ({@code StorageException.of}), a damaged file a
     * {@code CorruptFileException}. So callers catch one root and the CLI maps exit codes by type.
     */
    public static final ArchRule NO_UNCHECKED_IO_EXCEPTION = noClasses()
            .should().callConstructorWhere(target(owner(assignableTo(UncheckedIOException.class))))
            .because("I/O failures leave the library as StorageException (StorageException.of) or"
                    + " CorruptFileException, never as UncheckedIOException");

    /**
     * {@code dev.mnemo.core.internal} (schema, JDBC repositories, text analysis) is public only for
     * core's own packages; every other module goes through the store API, so the internals can change.
     */
    public static final ArchRule CORE_INTERNALS_STAY_IN_CORE = noClasses()
            .that().resideOutsideOfPackage("dev.mnemo.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.mnemo.core.internal..")
            .because("dev.mnemo.core.internal is not API: other modules use MemoryService and MemoryStore");

    private ArchitectureRules() {
    }

    /** The main (non-test) classes of the given packages on the class path. */
    public static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }
}
