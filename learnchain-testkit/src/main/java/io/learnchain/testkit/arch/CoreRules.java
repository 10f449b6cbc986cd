package io.learnchain.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

/**
 * The determinism rules of the core (base, learn, chain), as ArchUnit rules over any set of
 * packages, so a test can also run them against a deliberately bad class and see them fire.
 * The one exception: {@value #COMPUTE_PACKAGE} may start threads (the fixed compute pool).
 */
public final class CoreRules {
    public static final String[] CORE_PACKAGES = {
        "io.learnchain.base..", "io.learnchain.learn..", "io.learnchain.chain.."
    };
    public static final String COMPUTE_PACKAGE = "io.learnchain.learn.compute..";

    static final Set<String> BANNED_MATH = Set.of(
            "exp", "log", "log10", "log1p", "expm1", "pow", "tanh", "sinh", "cosh", "sin", "cos", "tan", "asin", "acos",
            "atan", "atan2", "cbrt", "hypot");

    private CoreRules() {}

    /** All rules for classes in {@code packages} (ArchUnit package patterns such as "a.b.."). */
    public static List<ArchRule> forPackages(String... packages) {
        return List.of(
                noRandom(packages),
                noClocks(packages),
                noNonStrictMath(packages),
                noThreads(packages),
                noPreferredSpecies(packages),
                noFileOrNetworkIo(packages));
    }

    static ArchRule noRandom(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.security.SecureRandom")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.SplittableRandom")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.util.random..")
                .orShould()
                .callMethodWhere(named(Math.class, Set.of("random")))
                .orShould()
                .callMethodWhere(named(StrictMath.class, Set.of("random")))
                .because("consensus randomness comes from the specified PRNG (SplitMix64) seeded from chain data");
    }

    static ArchRule noClocks(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .callMethodWhere(named(System.class, Set.of("currentTimeMillis", "nanoTime")))
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "a java.time now() method",
                        (JavaMethodCall call) -> call.getName().equals("now")
                                && call.getTargetOwner().getPackageName().startsWith("java.time")))
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Clock")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.InstantSource")
                .because("time enters the core as an argument");
    }

    static ArchRule noNonStrictMath(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .callMethodWhere(named(Math.class, BANNED_MATH))
                .because("java.lang.Math transcendental functions differ between JIT, interpreter and CPUs: "
                        + "use StrictMath");
    }

    static ArchRule noThreads(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .and()
                .resideOutsideOfPackage(COMPUTE_PACKAGE)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        Thread.class,
                        ExecutorService.class,
                        Executors.class,
                        ForkJoinPool.class,
                        CompletableFuture.class,
                        Executor.class)
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "parallelStream() or parallel()",
                        (JavaMethodCall call) -> call.getName().equals("parallelStream")
                                || (call.getName().equals("parallel")
                                        && call.getTargetOwner()
                                                .getPackageName()
                                                .equals("java.util.stream"))))
                .because("only the learn compute pool may run threads; results must not depend on scheduling");
    }

    /** The one class that chooses the vector width for the CPU (docs/protocol.md section 2). */
    static final String LANES = "io.learnchain.learn.tensor.Lanes";

    static ArchRule noPreferredSpecies(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .and()
                .doNotHaveFullyQualifiedName(LANES)
                .should()
                .accessFieldWhere(DescribedPredicate.describe(
                        "a SPECIES_ constant of the Vector API" + " (SPECIES_PREFERRED, SPECIES_512, ...)",
                        (JavaFieldAccess access) -> access.getName().startsWith("SPECIES_")
                                && access.getTargetOwner().getPackageName().equals("jdk.incubator.vector")))
                .because("the width is chosen once, by " + LANES + " (the widest this CPU runs fast; it never changes"
                        + " a result), and every kernel uses that one species: a fixed SPECIES_512 runs as plain Java,"
                        + " 40x slower, on a CPU without AVX-512");
    }

    static ArchRule noFileOrNetworkIo(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(
                        File.class,
                        FileInputStream.class,
                        FileOutputStream.class,
                        RandomAccessFile.class,
                        FileReader.class,
                        FileWriter.class)
                .because("the core parses bytes handed to it; opening files and sockets happens in node and cli");
    }

    private static DescribedPredicate<JavaMethodCall> named(Class<?> owner, Set<String> names) {
        return DescribedPredicate.describe(
                owner.getSimpleName() + "." + names,
                (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(owner) && names.contains(call.getName()));
    }
}
