package io.learnchain.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.learnchain.learn.compute.PoolShapedFixture;
import io.learnchain.testkit.arch.violations.NondeterministicTrainer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deterministic core obeys every rule, and every rule fires on a class that breaks it. */
class CoreRulesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.learnchain.base", "io.learnchain.learn", "io.learnchain.chain");
    private static final JavaClasses BAD = new ClassFileImporter().importClasses(NondeterministicTrainer.class);
    private static final String BAD_PACKAGE = "io.learnchain.testkit.arch.violations..";

    static Stream<ArchRule> coreRules() {
        return CoreRules.forPackages(CoreRules.CORE_PACKAGES).stream();
    }

    @Test
    void importsTheCoreClasses() {
        assertThat(CORE.contain("io.learnchain.base.Amount")).isTrue();
        assertThat(CORE.contain("io.learnchain.chain.validation.BlockProcessor"))
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("coreRules")
    void deterministicCoreObeys(ArchRule rule) {
        rule.check(CORE);
    }

    @Test
    void everyRuleFiresOnADeliberatelyBadClass() {
        List<ArchRule> rules = CoreRules.forPackages(BAD_PACKAGE);
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(BAD);
            assertThat(result.hasViolation())
                    .as("rule should fire: %s", rule.getDescription())
                    .isTrue();
        }
        String report = String.join(
                "\n",
                rules.stream()
                        .flatMap(r -> r.evaluate(BAD).getFailureReport().getDetails().stream())
                        .toList());
        assertThat(report)
                .contains(
                        "java.util.Random",
                        "Math.random()",
                        "System.currentTimeMillis()",
                        "System.nanoTime()",
                        "Instant.now()",
                        "Math.exp(double)",
                        "Math.tanh(double)",
                        "Math.pow(double, double)",
                        "parallelStream()",
                        "Executors.newFixedThreadPool(int)",
                        "Thread.start()",
                        "SPECIES_PREFERRED",
                        "java.io.File");
    }

    @Test
    void computePackageMayUseThreadsButNothingElse() {
        JavaClasses pool = new ClassFileImporter().importClasses(PoolShapedFixture.class);
        assertThat(CoreRules.noThreads(CoreRules.CORE_PACKAGES)
                        .allowEmptyShould(true)
                        .evaluate(pool)
                        .hasViolation())
                .isFalse();
        assertThat(CoreRules.noClocks(CoreRules.CORE_PACKAGES).evaluate(pool).hasViolation())
                .isTrue();
    }
}
