package io.learnchain.chain.genesis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The consensus engine a chain runs, fixed by its genesis: a closed set, each with the parameters
 * of its own (switch over it exhaustively; there is no default engine).
 */
public sealed interface Engine permits Engine.Idle, Engine.Pole, Engine.Dqn {
    /** The engine names, as the genesis file and the canonical bytes spell them. */
    List<String> NAMES = List.of("idle", "pole", "dqn");

    /** "idle", "pole" or "dqn". */
    String name();

    /** Hash proof of work only: blocks carry transfers, no learning. */
    record Idle() implements Engine {
        @Override
        public String name() {
            return "idle";
        }
    }

    /** Proof of learning (papers 002 and 003): tasks, rounds, verified models (docs/protocol.md section 3). */
    record Pole() implements Engine {
        @Override
        public String name() {
            return "pole";
        }
    }

    /** The chain as a Markov decision process (paper 000), with its environment, fork option and R_max. */
    record Dqn(DqnParameters parameters) implements Engine {
        public Dqn {
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public String name() {
            return "dqn";
        }
    }

    Idle IDLE = new Idle();
    Pole POLE = new Pole();

    /**
     * The engine named {@code name}, with {@code dqn} its parameters (present exactly for "dqn").
     *
     * @throws IllegalArgumentException for an unknown name, or parameters given to or missing from it
     */
    static Engine of(String name, Optional<DqnParameters> dqn) {
        Engine engine = switch (name) {
            case "idle" -> IDLE;
            case "pole" -> POLE;
            case "dqn" ->
                new Dqn(dqn.orElseThrow(() -> new IllegalArgumentException(
                        "a dqn genesis needs its dqn section (environment, fork-choice option, R_max)")));
            case null, default ->
                throw new IllegalArgumentException("unknown engine '" + name + "': use one of " + NAMES);
        };
        if (dqn.isPresent() && !(engine instanceof Dqn)) {
            throw new IllegalArgumentException("only a dqn genesis has a dqn section, the engine is '" + name + "'");
        }
        return engine;
    }

    /** The dqn parameters when this is the dqn engine. */
    default Optional<DqnParameters> dqn() {
        return switch (this) {
            case Dqn d -> Optional.of(d.parameters());
            case Idle i -> Optional.empty();
            case Pole p -> Optional.empty();
        };
    }
}
