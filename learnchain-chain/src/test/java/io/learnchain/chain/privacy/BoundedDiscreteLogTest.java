package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class BoundedDiscreteLogTest {
    @Test
    void solvesEveryValueWithinTheBoundAndNoneBeyond() {
        BoundedDiscreteLog log = new BoundedDiscreteLog(50, 3);
        for (int v = -60; v <= 60; v++) {
            var target = IpfeGroup.generatorTimes(BigInteger.valueOf(v));
            if (Math.abs(v) <= 50) {
                assertThat(log.solve(target)).as("v = %d", v).isEqualTo(v);
            } else {
                assertThatThrownBy(() -> log.solve(target))
                        .as("v = %d", v)
                        .isInstanceOf(InnerProductOutOfBoundException.class);
            }
        }
    }

    @Test
    void tableSizedToTheBound() {
        BoundedDiscreteLog log = BoundedDiscreteLog.forBound(10_000_000);
        assertThat(log.babySteps()).isEqualTo(4473);
        assertThat(log.solve(IpfeGroup.generatorTimes(BigInteger.valueOf(-9_999_999))))
                .isEqualTo(-9_999_999);
        assertThat(log.solve(IpfeGroup.identity())).isZero();
    }

    @Test
    void aRandomPointIsOutOfBound() {
        var random = IpfeGroup.generatorTimes(IpfeGroup.randomScalar(EntropySource.seeded(99)));
        assertThatThrownBy(() -> BoundedDiscreteLog.forBound(1000).solve(random))
                .isInstanceOf(InnerProductOutOfBoundException.class)
                .hasMessageContaining("not g^v for any |v| <= 1000");
    }
}
