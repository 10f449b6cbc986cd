package io.learnchain.node.genesis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.chain.genesis.DqnParameters;
import io.learnchain.chain.genesis.Engine;
import io.learnchain.chain.genesis.ForkOption;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import io.learnchain.chain.genesis.ProtocolLimits;
import io.learnchain.learn.rl.DqnHyperparameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Genesis files in TOML ({@code .toml}) or JSON (any other name), with kebab-case keys:
 *
 * <pre>
 * chain-name = "my-chain"
 * engine = "idle"                 # idle, pole or dqn
 * target-block-seconds = 10
 * initial-difficulty = 1000
 * block-subsidy = "50"            # coins
 * timestamp = 1763700000          # seconds since the epoch
 * [limits]                        # optional; these are the defaults
 * max-block-bytes = 4194304
 * max-transactions = 10000
 * max-model-bytes = 67108864
 * max-blob-bytes = 268435456
 * max-reorg-depth = 100
 * [[premine]]
 * address = "lc1..."
 * amount = "1000000"              # coins
 * [dqn]                           # only with engine = "dqn"
 * environment = "cartpole"        # cartpole, gridworld or inventory
 * fork-option = "a"               # a: last reward, b: reward sum (default a)
 * award-per-unit = "10"           # coins per unit of the winning block's reward (default 10)
 * loss = "mse"                    # the TD loss: mse (paper 000's eq. 2) or huber (default mse)
 * </pre>
 *
 * A dqn file names the environment, the fork-choice option, the award and the TD loss; the other
 * DQN hyperparameters are the environment's defaults ({@code DqnParameters.defaults}).
 *
 * The chain id is the hash of the canonical genesis, so two files that say the same thing in a
 * different order or format give the same chain.
 */
public final class GenesisFiles {
    private GenesisFiles() {}

    /** What a file holds, field by field; amounts are decimal coin strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenesisDocument(
            @JsonProperty(required = true) String chainName,
            @JsonProperty(required = true) String engine,
            @JsonProperty(required = true) Long targetBlockSeconds,
            @JsonProperty(required = true) Long initialDifficulty,
            @JsonProperty(required = true) String blockSubsidy,
            @JsonProperty(required = true) Long timestamp,
            LimitsDocument limits,
            List<PremineDocument> premine,
            DqnDocument dqn) {}

    /** The dqn section: environment, fork-choice option (a or b), coins per reward unit and TD loss. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DqnDocument(
            @JsonProperty(required = true) String environment, String forkOption, String awardPerUnit, String loss) {}

    public record LimitsDocument(
            Integer maxBlockBytes,
            Integer maxTransactions,
            Long maxModelBytes,
            Long maxBlobBytes,
            Integer maxReorgDepth) {}

    public record PremineDocument(
            @JsonProperty(required = true) String address,
            @JsonProperty(required = true) String amount) {}

    /**
     * Reads and validates a genesis file.
     *
     * @throws InvalidGenesisFileException with a message naming the file and the problem
     */
    public static Genesis read(Path file) {
        GenesisDocument doc;
        try {
            doc = mapperFor(file).readValue(Files.readAllBytes(file), GenesisDocument.class);
        } catch (NoSuchFileException e) {
            throw new InvalidGenesisFileException(file, "the file does not exist");
        } catch (JsonProcessingException e) {
            throw new InvalidGenesisFileException(file, e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidGenesisFileException(file, "cannot read it: " + e.getMessage());
        }
        try {
            return toGenesis(doc);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidGenesisFileException(file, e.getMessage());
        }
    }

    static Genesis toGenesis(GenesisDocument doc) {
        List<Premine> premine = new ArrayList<>();
        if (doc.premine() != null) {
            for (PremineDocument p : doc.premine()) {
                premine.add(new Premine(Address.parse(p.address()), Amount.parse(p.amount())));
            }
        }
        ProtocolLimits d = ProtocolLimits.DEFAULT;
        LimitsDocument l = doc.limits();
        ProtocolLimits limits = l == null
                ? d
                : new ProtocolLimits(
                        l.maxBlockBytes() != null ? l.maxBlockBytes() : d.maxBlockBytes(),
                        l.maxTransactions() != null ? l.maxTransactions() : d.maxTransactions(),
                        l.maxModelBytes() != null ? l.maxModelBytes() : d.maxModelBytes(),
                        l.maxBlobBytes() != null ? l.maxBlobBytes() : d.maxBlobBytes(),
                        l.maxReorgDepth() != null ? l.maxReorgDepth() : d.maxReorgDepth());
        Optional<DqnParameters> dqn = Optional.ofNullable(doc.dqn()).map(q -> {
            DqnParameters base = DqnParameters.defaults(
                    q.environment(),
                    ForkOption.of(q.forkOption() == null ? "a" : q.forkOption()),
                    Amount.parse(q.awardPerUnit() == null ? "10" : q.awardPerUnit()));
            return new DqnParameters(
                    base.environment(),
                    base.forkOption(),
                    base.awardPerUnit(),
                    base.hyperparameters().withLoss(lossOf(q.loss())));
        });
        if ("dqn".equals(doc.engine()) && dqn.isEmpty()) {
            throw new IllegalArgumentException("engine \"dqn\" needs a [dqn] section naming at least the environment");
        }
        return new Genesis(
                doc.chainName(),
                Engine.of(doc.engine(), dqn),
                doc.targetBlockSeconds(),
                doc.initialDifficulty(),
                premine,
                limits,
                Amount.parse(doc.blockSubsidy()),
                doc.timestamp());
    }

    /** The document form of {@code genesis} (for writing templates). */
    public static GenesisDocument toDocument(Genesis genesis) {
        ProtocolLimits l = genesis.limits();
        List<PremineDocument> premine = genesis.premine().stream()
                .map(p -> new PremineDocument(p.address().toString(), p.amount().toString()))
                .toList();
        return new GenesisDocument(
                genesis.chainName(),
                genesis.engine().name(),
                genesis.targetBlockSeconds(),
                genesis.initialDifficulty(),
                genesis.blockSubsidy().toString(),
                genesis.timestamp(),
                new LimitsDocument(
                        l.maxBlockBytes(), l.maxTransactions(), l.maxModelBytes(), l.maxBlobBytes(), l.maxReorgDepth()),
                premine,
                genesis.dqn().map(GenesisFiles::dqnDocument).orElse(null));
    }

    private static DqnHyperparameters.TdLoss lossOf(String text) {
        if (text == null) {
            return DqnHyperparameters.TdLoss.MSE;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "mse" -> DqnHyperparameters.TdLoss.MSE;
            case "huber" -> DqnHyperparameters.TdLoss.HUBER;
            default -> throw new IllegalArgumentException("[dqn] loss is \"" + text + "\"; use \"mse\" or \"huber\"");
        };
    }

    private static DqnDocument dqnDocument(DqnParameters p) {
        DqnParameters d = DqnParameters.defaults(p.environment(), p.forkOption(), p.awardPerUnit());
        if (!p.equals(new DqnParameters(
                d.environment(),
                d.forkOption(),
                d.awardPerUnit(),
                d.hyperparameters().withLoss(p.hyperparameters().loss())))) {
            throw new IllegalArgumentException("this dqn genesis has DQN hyperparameters other than the environment's "
                    + "defaults, which the file form cannot express; keep its canonical bytes instead");
        }
        return new DqnDocument(
                p.environment(),
                p.forkOption().letter(),
                p.awardPerUnit().toString(),
                p.hyperparameters().loss().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code genesis} as TOML text. */
    public static String toToml(Genesis genesis) {
        try {
            return configure(new TomlMapper()).writeValueAsString(toDocument(genesis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a genesis as TOML", e);
        }
    }

    /** {@code genesis} as JSON text. */
    public static String toJson(Genesis genesis) {
        try {
            return configure(JsonMapper.builder().build())
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(toDocument(genesis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a genesis as JSON", e);
        }
    }

    private static ObjectMapper mapperFor(Path file) {
        boolean toml = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml");
        return configure(toml ? new TomlMapper() : JsonMapper.builder().build());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** A genesis file that cannot be used; the message names the file and what is wrong. */
    public static final class InvalidGenesisFileException extends IllegalArgumentException {
        public InvalidGenesisFileException(Path file, String problem) {
            super("genesis file " + file + ": " + problem + ". See docs/genesis.md or print a template with "
                    + "'learnchain chain genesis --dev'.");
        }
    }
}
