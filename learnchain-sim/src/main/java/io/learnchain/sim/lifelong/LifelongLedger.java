package io.learnchain.sim.lifelong;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.rules.BlobView;
import io.learnchain.chain.rules.ChainRules;
import io.learnchain.chain.rules.ChainTip;
import io.learnchain.chain.rules.SignatureVerifier;
import io.learnchain.chain.rules.ValidationContext;
import io.learnchain.chain.rules.Verdict;
import io.learnchain.chain.state.LifelongModel;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.transition.BlockTemplate;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.chain.validation.BlockProcessor;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ledger of the lifelong simulation: a dev chain whose blocks carry the real lifelong
 * transactions, assembled by {@link BlockAssembler} and accepted only after {@link BlockProcessor}
 * validated them (losses recomputed from the blobs), with an in-memory content-addressed blob store.
 * Every participant runs the same deterministic rules, so one validating ledger stands for all of
 * them (the peer protocol is not simulated here). Accounts: dev account 0 is the initiator, 1..P
 * the participants; dev account P+1 mines the blocks.
 */
final class LifelongLedger {
    private static final long GENESIS_TIME = 1_767_225_600L;

    private final Genesis genesis;
    private final ChainRules rules;
    private final Map<Hash, byte[]> blobs = new HashMap<>();
    private final Map<Hash, Dataset> decoded = new HashMap<>();
    private final BlobView view;
    private final ComputePool pool;
    private final KeyPair miner;
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<Block> blocks = new ArrayList<>();
    private ChainTip tip;

    LifelongLedger(int participants, ComputePool pool) {
        this.genesis = Genesis.devnet(participants + 2, Amount.ofCoins(1000), 1, GENESIS_TIME);
        this.rules = ChainRules.of(genesis);
        this.tip = ChainTip.genesis(genesis);
        this.pool = pool;
        this.miner = DevAccounts.keys(participants + 1);
        this.view = new BlobView() {
            @Override
            public Optional<byte[]> get(Hash hash) {
                return Optional.ofNullable(blobs.get(hash));
            }

            @Override
            public Optional<Dataset> dataset(Hash hash) {
                Dataset d = decoded.get(hash);
                return d != null ? Optional.of(d) : BlobView.super.dataset(hash);
            }
        };
    }

    Hash upload(Model m) {
        byte[] bytes = m.canonicalBytes();
        Hash h = Hash.sha256(bytes);
        blobs.put(h, bytes);
        return h;
    }

    Hash upload(Dataset d) {
        byte[] bytes = DatasetCodec.encode(d);
        Hash h = Hash.sha256(bytes);
        blobs.put(h, bytes);
        decoded.put(h, DatasetCodec.decode(bytes, "part " + h.shortHex()));
        return h;
    }

    Model model(Hash h) {
        return Model.fromCanonicalBytes(blobs.get(h));
    }

    Dataset dataset(Hash h) {
        return view.dataset(h).orElseThrow();
    }

    SignedTransaction sign(int account, int offset, Payload payload) {
        KeyPair k = DevAccounts.keys(account);
        long nonce = tip.state().account(DevAccounts.address(account)).nonce() + offset;
        return SignedTransaction.sign(new TxBody(rules.chainId(), k.publicKey(), nonce, Amount.ZERO, payload), k);
    }

    /** Mines the next block with the transactions that apply, validates it and makes it the tip; returns the skipped. */
    List<BlockTemplate.Skipped> mine(List<SignedTransaction> txs) {
        LifelongEnv env = new LifelongEnv(view, pool);
        BlockTemplate template = BlockAssembler.assemble(
                tip,
                txs,
                miner.publicKey(),
                Address.of(miner.publicKey()),
                tip.timestamp() + 10,
                rules,
                SignatureVerifier.ED25519,
                env);
        List<SignedTransaction> kept = template.transactions().stream()
                .skip(1)
                .map(t -> (SignedTransaction) t)
                .toList();
        Block block = BlockAssembler.mine(tip, kept, miner, tip.timestamp() + 10, rules, 1_000_000, env)
                .orElseThrow(() -> new IllegalStateException("no nonce met difficulty 1"));
        ValidationContext context =
                ValidationContext.at(block.header().timestamp()).withBlobs(view).withPool(pool);
        Verdict v = BlockProcessor.apply(tip, block, rules, context);
        if (!(v instanceof Verdict.Valid valid)) {
            throw new IllegalStateException("the simulation mined a block the rules reject: " + v);
        }
        tip = valid.tip();
        blocks.add(block);
        for (BlockTemplate.Skipped s : template.skipped()) {
            skipped.merge(s.reason().name(), 1, Integer::sum);
        }
        return template.skipped();
    }

    ChainTip tip() {
        return tip;
    }

    LifelongModel lifelong(long id) {
        return tip.state().lifelong().get(id).orElseThrow();
    }

    List<Dataset> lossParts(long id) {
        return lifelong(id).lossParts().stream().map(this::dataset).toList();
    }

    Map<String, Integer> skippedByReason() {
        return skipped;
    }

    int blockCount() {
        return blocks.size();
    }

    /** Re-validates the whole chain from genesis on a fresh tip: the state roots must match. */
    boolean reverifies() {
        ChainTip t = ChainTip.genesis(genesis);
        for (Block b : blocks) {
            ValidationContext c =
                    ValidationContext.at(b.header().timestamp()).withBlobs(view).withPool(pool);
            if (!(BlockProcessor.apply(t, b, rules, c) instanceof Verdict.Valid valid)) {
                return false;
            }
            t = valid.tip();
        }
        return t.state().root().equals(tip.state().root());
    }
}
