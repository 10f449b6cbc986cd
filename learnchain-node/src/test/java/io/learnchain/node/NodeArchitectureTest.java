package io.learnchain.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node's own layering: stores know nothing of services, services nothing of the API; time comes from Clock. */
class NodeArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.learnchain.node");
    }

    @Test
    void storageAndBlobsDependOnNoService() {
        noClasses()
                .that()
                .resideInAnyPackage("io.learnchain.node.storage..", "io.learnchain.node.blob..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.learnchain.node.chain..",
                        "io.learnchain.node.mempool..",
                        "io.learnchain.node.miner..",
                        "io.learnchain.node.api..")
                .because("stores are ports below the services")
                .check(classes);
    }

    @Test
    void servicesDoNotDependOnTheApi() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.learnchain.node.chain..", "io.learnchain.node.mempool..", "io.learnchain.node.miner..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.learnchain.node.api..")
                .because("the API is one client of the services, as the CLI and sync are")
                .check(classes);
    }

    @Test
    void readsWallClockOnlyThroughClock() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.learnchain.node.clock..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Instant.class, "now")
                .because("tests and simulations run the node on a ManualClock")
                .check(classes);
    }

    @Test
    void neverDependsOnTheCli() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.learnchain.cli..")
                .check(classes);
    }
}
