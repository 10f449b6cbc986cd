package io.learnchain.learn.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A fixed action sequence gives the committed states and rewards, bit for bit, in every environment. */
class EnvironmentVectorsTest {

    static Stream<Environment> environments() {
        return Stream.of(new CartPole(), new GridWorld(), new InventoryControl());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void fixedActionSequenceGivesCommittedStatesAndRewards(Environment env) throws IOException {
        List<String> expected;
        try (InputStream in = getClass().getResourceAsStream(EnvironmentVectors.resource(env))) {
            assertThat(in)
                    .as("committed vectors %s", EnvironmentVectors.resource(env))
                    .isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        List<String> actual = EnvironmentVectors.lines(env);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("%s line %d", env.name(), i).isEqualTo(expected.get(i));
        }
        assertThat(actual).hasSameSizeAs(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void genesisNameGivesSameEnvironment(Environment env) {
        assertThat(Environment.byName(env.name())).isEqualTo(env);
        assertThat(env.reset(3).size()).isEqualTo(env.observationSize());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("environments")
    void vectorsCoverEpisodeEnds(Environment env) {
        long dones = EnvironmentVectors.lines(env).stream()
                .skip(1)
                .filter(l -> l.endsWith(" true"))
                .count();
        if (env.episodic()) {
            assertThat(dones).as("episodes ended in %s", env.name()).isGreaterThan(1);
        } else {
            assertThat(dones).isZero();
        }
    }
}
