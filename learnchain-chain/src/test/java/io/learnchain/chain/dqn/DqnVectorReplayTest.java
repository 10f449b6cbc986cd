package io.learnchain.chain.dqn;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.fork.ChainSummary;
import io.learnchain.chain.fork.ForkChoice;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the committed dqn vectors (see {@link DqnVectors} for the format). */
class DqnVectorReplayTest {

    static Stream<String> names() throws IOException {
        return read("index").stream().map(l -> l[0]);
    }

    @ParameterizedTest
    @MethodSource("names")
    void replaysVector(String name) throws IOException {
        Genesis genesis = null;
        long now = 0;
        Map<String, List<Block>> chains = new TreeMap<>();
        String[] expect = null;
        String winner = null;
        Hash root = null;
        for (String[] l : read(name)) {
            switch (l[0]) {
                case "genesis" ->
                    genesis = GenesisCodec.INSTANCE.decode(Bytes.fromHex(l[1]).toArray());
                case "now" -> now = Long.parseLong(l[1]);
                case "block" -> {
                    String chain = l.length == 3 ? l[1] : "";
                    chains.computeIfAbsent(chain, k -> new ArrayList<>())
                            .add(BlockCodec.BLOCK.decode(
                                    Bytes.fromHex(l[l.length - 1]).toArray()));
                }
                case "expect" -> expect = l;
                case "winner" -> winner = l[1];
                case "root" -> root = Hash.fromHex(l[1]);
                default -> throw new AssertionError("unknown line kind " + l[0] + " in " + name);
            }
        }
        assertThat(genesis).isNotNull();
        ChainRules rules = ChainRules.of(genesis);
        Map<Hash, BlockHeader> headers = new HashMap<>();
        chains.values().forEach(bs -> bs.forEach(b -> headers.put(b.hash(), b.header())));
        LearnerCache learners =
                new LearnerCache(genesis.dqn().orElseThrow(), genesis.chainId(), ComputePool.serial(), 1024);
        ValidationContext context =
                ValidationContext.at(now).withLearners(learners.over(h -> Optional.ofNullable(headers.get(h))));
        if (winner != null) {
            ChainSummary x = validSummary(genesis, rules, context, chains.get("X"));
            ChainSummary y = validSummary(genesis, rules, context, chains.get("Y"));
            assertThat(ForkChoice.isBetter(x, y) ? "X" : "Y").isEqualTo(winner);
            return;
        }
        List<Block> blocks = chains.get("");
        ChainTip tip = ChainTip.genesis(genesis);
        for (int i = 0; i < blocks.size() - 1; i++) {
            Verdict v = BlockProcessor.apply(tip, blocks.get(i), rules, context);
            assertThat(v).as("block %d of %s", i, name).isInstanceOf(Verdict.Valid.class);
            tip = ((Verdict.Valid) v).tip();
        }
        Verdict last = BlockProcessor.apply(tip, blocks.getLast(), rules, context);
        if (expect[1].equals("VALID")) {
            assertThat(last).isInstanceOf(Verdict.Valid.class);
            tip = ((Verdict.Valid) last).tip();
        } else {
            String reason = expect[2];
            assertThat(last)
                    .isInstanceOfSatisfying(
                            Verdict.Invalid.class,
                            v -> assertThat(v.reason().name()).isEqualTo(reason));
        }
        assertThat(tip.state().root()).isEqualTo(root);
    }

    private static ChainSummary validSummary(
            Genesis genesis, ChainRules rules, ValidationContext context, List<Block> blocks) {
        ChainTip tip = ChainTip.genesis(genesis);
        ChainSummary s = ChainSummary.genesis(genesis.chainId());
        for (Block b : blocks) {
            Verdict v = BlockProcessor.apply(tip, b, rules, context);
            assertThat(v).isInstanceOf(Verdict.Valid.class);
            tip = ((Verdict.Valid) v).tip();
            s = s.extend(b.hash(), ForkChoice.score(b.header()));
        }
        return s;
    }

    private static List<String[]> read(String name) throws IOException {
        try (InputStream in = DqnVectorReplayTest.class.getResourceAsStream("/vectors/dqn/" + name + ".txt")) {
            assertThat(in).as("vector file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
    }
}
