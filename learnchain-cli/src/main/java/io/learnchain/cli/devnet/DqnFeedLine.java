package io.learnchain.cli.devnet;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dqn part of the devnet's line for a block: the action, the shaped reward fork choice ranks,
 * and the episode's running return in the environment's unshaped reward, or on a {@code done}
 * block the episode's number and final return (docs/devnet.md "Engine dqn").
 *
 * <pre>
 * action 1  reward 0.873  return 11.000
 * action 0  reward -1.000  episode 2 ended: return 22.000
 * action 1  reward 0.912  episode 4 since #57 ended (step limit): return 500.000
 * </pre>
 */
record DqnFeedLine(DqnStep step, DqnFeedTally.Position position) {

    DqnFeedLine {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(position, "position");
    }

    /** Milli-units as a decimal with three places: 873 is "0.873", -1000 is "-1.000". */
    static String units(long milli) {
        return BigDecimal.valueOf(milli, 3).toPlainString();
    }

    /** The text after the miner, without leading spaces. */
    String text() {
        StringBuilder b = new StringBuilder("action ")
                .append(step.action())
                .append("  reward ")
                .append(units(step.reward()));
        if (step.done()) {
            b.append("  episode ").append(position.episode());
            if (position.resumed()) {
                b.append(" since #").append(position.countedFrom());
            }
            b.append(step.terminal() ? " ended" : " ended (step limit)");
            b.append(": return ").append(units(position.returnMilli()));
        } else {
            b.append("  return ").append(units(position.returnMilli()));
        }
        if (position.partial()) {
            b.append(" (partial: counted from #").append(position.countedFrom()).append(')');
        }
        return b.toString();
    }

    /** The {@code dqn} object of the {@code --json} block line; rewards and returns in milli-units as the API gives them. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", step.action());
        m.put("reward", step.reward());
        m.put("unshapedReward", step.unshapedReward());
        m.put("terminal", step.terminal());
        m.put("done", step.done());
        m.put("forkScore", step.forkScore());
        m.put("episode", position.episode());
        m.put("episodeReturn", position.returnMilli());
        m.put("countedFrom", position.countedFrom());
        m.put("partial", position.partial());
        return m;
    }
}
