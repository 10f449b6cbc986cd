package io.learnchain.learn.rl;

import io.learnchain.base.rng.SplitMix64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The committed environment vectors: from {@code reset(SEED)}, step {@link #STEPS} times with action
 * {@code (t * 7 + t / 3) mod actionCount} and step randomness {@code derive(SEED, t)}, resetting from
 * {@code derive(SEED ^ 1, t)} after a done step. One line per step: t, action, the hash of the step
 * result's canonical bytes, reward, unshaped reward, terminal, done; the first line is the reset
 * state's canonical bytes in hex. Run {@link #main} with a directory to rewrite the files (only when
 * a rule change is intended).
 */
final class EnvironmentVectors {
    static final long SEED = 0x5EED_0000_0007L;
    static final int STEPS = 300;

    private EnvironmentVectors() {}

    static List<String> lines(Environment env) {
        List<String> out = new ArrayList<>();
        EnvState s = env.reset(SEED);
        out.add("reset " + HexFormat.of().formatHex(s.canonicalBytes()));
        for (int t = 0; t < STEPS; t++) {
            int action = (t * 7 + t / 3) % env.actionCount();
            StepResult r = env.step(s, action, SplitMix64.derive(SEED, t));
            out.add(t + " " + action + " " + r.hash().toHex() + " " + r.reward() + " " + r.unshapedReward() + " "
                    + r.terminal() + " " + r.done());
            s = r.done() ? env.reset(SplitMix64.derive(SEED ^ 1, t).nextLong()) : r.next();
        }
        return out;
    }

    static String resource(Environment env) {
        return "/rl/" + env.name() + "-vectors.txt";
    }

    public static void main(String[] args) throws IOException {
        for (Environment env : List.of(new CartPole(), new GridWorld(), new InventoryControl())) {
            Path p = Path.of(args[0], env.name() + "-vectors.txt");
            Files.write(p, lines(env), StandardCharsets.UTF_8);
            System.out.println("wrote " + p);
        }
    }
}
