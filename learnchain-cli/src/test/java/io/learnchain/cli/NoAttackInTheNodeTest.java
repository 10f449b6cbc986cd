package io.learnchain.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.learnchain.chain.pole.WorkForgery;
import io.learnchain.node.dqn.DqnActionChoice;
import io.learnchain.node.pole.MinerStrategy;
import org.junit.jupiter.api.Test;

/**
 * The node's main code holds no attack (issue 16): the simulation's adversaries are strategies of
 * module learnchain-sim, the node runs only the protocol's choices, and nothing in the node forges a
 * work trace.
 */
class NoAttackInTheNodeTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.learnchain");

    @Test
    void theNodeNeverForgesWorkNorReachesIntoTheSimulation() {
        noClasses()
                .that()
                .resideInAPackage("io.learnchain.node..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.learnchain.sim..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(WorkForgery.class)
                .check(MAIN);
    }

    @Test
    void everyDepartureFromTheProtocolLivesInTheSimulation() {
        classes()
                .that()
                .implement(MinerStrategy.class)
                .or()
                .implement(DqnActionChoice.class)
                .and()
                .doNotHaveFullyQualifiedName(MinerStrategy.Honest.class.getName())
                .and()
                .areNotAnonymousClasses()
                .should()
                .resideInAPackage("io.learnchain.sim.adversary..")
                .check(MAIN);
    }
}
