package io.learnchain.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the project depends, through any chain of imports, on a package that depends on
 * it: every package (each one its own slice, sub-packages included) of every module. Layers can
 * then be read bottom-up (docs/architecture.md, "Packages").
 */
class PackageCyclesTest {
    @Test
    void everyPackageIsFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.learnchain");
        slices().matching("io.learnchain.(**)").should().beFreeOfCycles().check(classes);
    }
}
