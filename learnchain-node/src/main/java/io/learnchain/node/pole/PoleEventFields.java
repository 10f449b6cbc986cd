package io.learnchain.node.pole;

import io.learnchain.base.Hash;
import io.learnchain.node.event.PoleEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link PoleEvent} as a name and flat JSON fields, for SSE ({@code /api/v1/events}) and {@code node --json}. */
public final class PoleEventFields {
    private PoleEventFields() {}

    /** The event's name: trained, below_minimum, committed, revealed, candidate, candidate_received, round,
     * rejected, sealed, keys_released. */
    public static String name(PoleEvent event) {
        return switch (event) {
            case PoleEvent.Trained t -> "trained";
            case PoleEvent.BelowMinimum b -> "below_minimum";
            case PoleEvent.Committed c -> "committed";
            case PoleEvent.Revealed r -> "revealed";
            case PoleEvent.KeysReleased k -> "keys_released";
            case PoleEvent.CandidateSent c -> "candidate";
            case PoleEvent.CandidateReceived c -> "candidate_received";
            case PoleEvent.RoundDecided r -> "round";
            case PoleEvent.Rejected r -> "rejected";
            case PoleEvent.Sealed s -> "sealed";
            case PoleEvent.Audited a -> "audited";
        };
    }

    /** The fields, in a stable order ({@code kind} first: {@link #name}); hashes as hex. */
    public static Map<String, Object> of(PoleEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", name(event));
        switch (event) {
            case PoleEvent.Trained t -> {
                m.put("parent", hex(t.parent()));
                m.put("taskId", t.taskId());
                m.put("steps", t.steps());
                m.put("trainCorrect", t.trainCorrect());
                m.put("trainCount", t.trainCount());
                m.put("cpuSeconds", t.cpuSeconds());
            }
            case PoleEvent.BelowMinimum b -> {
                m.put("parent", hex(b.parent()));
                m.put("trainCorrect", b.trainCorrect());
                m.put("trainCount", b.trainCount());
            }
            case PoleEvent.Committed c -> {
                m.put("parent", hex(c.parent()));
                m.put("modelHash", hex(c.modelHash()));
            }
            case PoleEvent.Revealed r -> {
                m.put("parent", hex(r.parent()));
                m.put("taskId", r.taskId());
                m.put("shardIndex", r.shardIndex());
            }
            case PoleEvent.KeysReleased k -> {
                m.put("parent", hex(k.parent()));
                m.put("taskId", k.taskId());
                m.put("keys", k.keys());
            }
            case PoleEvent.CandidateSent c -> {
                m.put("parent", hex(c.parent()));
                m.put("block", hex(c.block()));
                m.put("claimedScore", c.claimedScore());
            }
            case PoleEvent.CandidateReceived c -> {
                m.put("parent", hex(c.parent()));
                m.put("block", hex(c.block()));
                m.put("miner", c.miner());
                m.put("claimedScore", c.claimedScore());
            }
            case PoleEvent.RoundDecided r -> {
                m.put("parent", hex(r.parent()));
                m.put("winner", hex(r.winner().orElse(null)));
                m.put("candidates", r.candidates());
                m.put("evaluations", r.evaluations());
                m.put("verifySeconds", r.verifySeconds());
            }
            case PoleEvent.Rejected r -> {
                m.put("block", hex(r.block()));
                m.put("miner", r.miner());
                m.put("reason", r.reason().name());
            }
            case PoleEvent.Audited a -> {
                m.put("block", hex(a.block()));
                m.put("taskId", a.taskId());
                m.put("falseSegment", a.falseSegment());
                m.put("cpuSeconds", a.cpuSeconds());
            }
            case PoleEvent.Sealed s -> {
                m.put("block", hex(s.block()));
                m.put("forfeit", s.forfeit());
                m.put("cpuSeconds", s.cpuSeconds());
            }
        }
        return m;
    }

    private static String hex(Hash hash) {
        return hash == null ? null : hash.toHex();
    }
}
