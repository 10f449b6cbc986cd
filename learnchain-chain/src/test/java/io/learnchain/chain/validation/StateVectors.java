package io.learnchain.chain.validation;

import static io.learnchain.chain.ChainFixture.address;
import static io.learnchain.chain.ChainFixture.forge;
import static io.learnchain.chain.ChainFixture.genesisTip;
import static io.learnchain.chain.ChainFixture.mine;
import static io.learnchain.chain.ChainFixture.transfer;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.ChainFixture;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios behind the committed state-transition vectors (src/test/resources/vectors/state):
 * each is a list of blocks on {@link ChainFixture#GENESIS} whose last block gets the named verdict.
 * {@link StateVectorWriterTest} writes them; {@link StateVectorReplayTest} replays the files.
 */
final class StateVectors {
    static final Amount FEE = Amount.ofUnits(10_000);

    record Scenario(String description, List<Block> blocks) {}

    private StateVectors() {}

    static Map<String, Scenario> all() {
        Map<String, Scenario> out = new LinkedHashMap<>();
        ChainTip g = genesisTip();
        Block b1 = mine(
                g,
                List.of(
                        transfer(0, address(1), Amount.ofCoins(12), FEE, 0),
                        transfer(1, address(2), Amount.parse("3.5"), FEE, 0),
                        transfer(0, address(2), Amount.ofUnits(1), FEE, 1)));
        ChainTip t1 = tip(g, b1);
        Block b2 = mine(t1, List.of(transfer(2, address(0), Amount.ofCoins(1), Amount.ZERO, 0)));
        out.put("valid-two-blocks", new Scenario("three transfers, then one more; both blocks valid", List.of(b1, b2)));

        SignedTransaction good = transfer(0, address(1), Amount.ofCoins(5), FEE, 2);
        byte[] sig = good.signature().bytes().toArray();
        sig[0] ^= 0x01;
        out.put(
                "bad-signature",
                new Scenario(
                        "a transfer whose signature has one bit flipped",
                        List.of(
                                b1,
                                forge(
                                        t1,
                                        Amount.ZERO,
                                        List.of(new SignedTransaction(good.body(), Signature.of(sig))),
                                        Hash.ZERO))));
        SignedTransaction replay = transfer(0, address(1), Amount.ofCoins(12), FEE, 0);
        out.put(
                "nonce-replay",
                new Scenario(
                        "block 1's first transfer included again in block 2",
                        List.of(b1, forge(t1, Amount.ZERO, List.of(replay), Hash.ZERO))));
        out.put(
                "nonce-gap",
                new Scenario(
                        "a transfer with nonce 5 where the account expects 2",
                        List.of(
                                b1,
                                forge(
                                        t1,
                                        Amount.ZERO,
                                        List.of(transfer(0, address(1), Amount.ofCoins(1), FEE, 5)),
                                        Hash.ZERO))));
        out.put(
                "overspend",
                new Scenario(
                        "account 1 sends its whole balance plus a fee",
                        List.of(
                                b1,
                                forge(
                                        t1,
                                        Amount.ZERO,
                                        List.of(transfer(
                                                1, address(0), t1.state().balance(address(1)), FEE, 1)),
                                        Hash.ZERO))));
        out.put(
                "overflow",
                new Scenario(
                        "amount + fee exceed the largest amount",
                        List.of(forge(
                                g,
                                Amount.ZERO,
                                List.of(transfer(0, address(1), Amount.MAX, Amount.ofUnits(1), 0)),
                                Hash.ZERO))));
        out.put(
                "wrong-chain-id",
                new Scenario(
                        "a transfer signed for another chain",
                        List.of(forge(
                                g,
                                Amount.ZERO,
                                List.of(ChainFixture.transfer(
                                        Hash.sha256(new byte[] {7}), 0, address(1), Amount.ofCoins(1), FEE, 0)),
                                Hash.ZERO))));
        out.put(
                "coinbase-too-large",
                new Scenario(
                        "a coinbase claiming one unit more than subsidy + fees",
                        List.of(
                                b1,
                                forge(
                                        t1,
                                        ChainFixture.RULES
                                                .blockSubsidy()
                                                .add(FEE)
                                                .add(Amount.ofUnits(1)),
                                        List.of(transfer(2, address(0), Amount.ofCoins(1), FEE, 0)),
                                        Hash.ZERO))));
        out.put(
                "state-root-mismatch",
                new Scenario(
                        "a valid body under a header with a wrong state root",
                        List.of(forge(g, Amount.ZERO, new ArrayList<>(), Hash.sha256(new byte[] {1})))));
        return out;
    }

    private static ChainTip tip(ChainTip parent, Block block) {
        return ((Verdict.Valid) BlockProcessor.apply(parent, block, ChainFixture.RULES, ChainFixture.CONTEXT)).tip();
    }
}
