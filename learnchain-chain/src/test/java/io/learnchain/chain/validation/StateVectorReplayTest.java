package io.learnchain.chain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the committed state-transition vectors. Each file: {@code genesis <hex>}, {@code now
 * <seconds>}, {@code block <hex>} lines, then {@code expect VALID} or {@code expect INVALID
 * <REASON>}, and {@code root <hex>}: the state root after the last valid block. Every block but the
 * last must be valid.
 */
class StateVectorReplayTest {
    static final List<String> NAMES = List.of(
            "valid-two-blocks",
            "bad-signature",
            "nonce-replay",
            "nonce-gap",
            "overspend",
            "overflow",
            "wrong-chain-id",
            "coinbase-too-large",
            "state-root-mismatch");

    static Stream<String> names() {
        return NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void replaysVector(String name) throws IOException {
        List<String[]> lines;
        try (InputStream in = getClass().getResourceAsStream("/vectors/state/" + name + ".txt")) {
            assertThat(in).as("vector file %s", name).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.trim().split("\\s+"))
                    .toList();
        }
        Genesis genesis = null;
        long now = 0;
        List<Block> blocks = new ArrayList<>();
        String[] expect = null;
        Hash root = null;
        for (String[] l : lines) {
            switch (l[0]) {
                case "genesis" ->
                    genesis = GenesisCodec.INSTANCE.decode(Bytes.fromHex(l[1]).toArray());
                case "now" -> now = Long.parseLong(l[1]);
                case "block" ->
                    blocks.add(BlockCodec.BLOCK.decode(Bytes.fromHex(l[1]).toArray()));
                case "expect" -> expect = l;
                case "root" -> root = Hash.fromHex(l[1]);
                default -> throw new AssertionError("unknown line kind " + l[0] + " in " + name);
            }
        }
        assertThat(genesis).isNotNull();
        assertThat(expect).isNotNull();
        ChainRules rules = ChainRules.of(genesis);
        ValidationContext context = ValidationContext.at(now);
        ChainTip tip = ChainTip.genesis(genesis);
        for (int i = 0; i < blocks.size() - 1; i++) {
            Verdict v = BlockProcessor.apply(tip, blocks.get(i), rules, context);
            assertThat(v).as("%s block %d", name, i + 1).isInstanceOf(Verdict.Valid.class);
            tip = ((Verdict.Valid) v).tip();
        }
        Verdict last = BlockProcessor.apply(tip, blocks.getLast(), rules, context);
        if (expect[1].equals("VALID")) {
            assertThat(last).as(name).isInstanceOf(Verdict.Valid.class);
            tip = ((Verdict.Valid) last).tip();
        } else {
            String reason = expect[2];
            assertThat(last)
                    .as(name)
                    .isInstanceOfSatisfying(
                            Verdict.Invalid.class,
                            inv -> assertThat(inv.reason().name())
                                    .as(inv.detail())
                                    .isEqualTo(reason));
        }
        assertThat(tip.state().root()).as("%s state root", name).isEqualTo(root);
    }
}
