package io.learnchain.node.miner;

import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.lifelong.LifelongEnv;
import io.learnchain.chain.pow.IdleSealer;
import io.learnchain.chain.transition.BlockAssembler;
import io.learnchain.chain.transition.BlockTemplate;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.node.chain.ChainHead;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.chain.ImportResult;
import io.learnchain.node.clock.Clock;
import io.learnchain.node.mempool.Mempool;
import io.learnchain.node.metrics.NodeMetrics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mines idle blocks: on the current tip, with the mempool's best transactions, seals with the
 * chain's proof-of-work search in slices (so a new tip or {@link #close()} is noticed within a
 * slice), signs, and hands the block to {@link ChainService#importBlock}. One platform thread.
 */
public final class MinerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MinerService.class);
    private static final long TEMPLATE_REFRESH_MILLIS = 2_000;
    private static final long IDLE_POLL_MILLIS = 100;

    private final ChainService chain;
    private final Mempool mempool;
    private final MinerConfig config;
    private final Clock clock;
    private final NodeMetrics metrics;
    private final SplitMix64 nonces;
    private volatile boolean running;
    private Thread thread;

    public MinerService(ChainService chain, Mempool mempool, MinerConfig config, Clock clock, NodeMetrics metrics) {
        this.chain = chain;
        this.mempool = mempool;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.nonces = new SplitMix64(System.nanoTime()
                ^ Hash.sha256(config.key().publicKey().bytes()).firstLongLE());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("miner").daemon().start(this::run);
        LOG.info(
                "miner started: coinbase to {}, at most one block every {} s",
                config.coinbaseRecipient(),
                config.minBlockIntervalSeconds());
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                mineOne();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("miner: building a block failed, retrying in 1 s", e);
                sleepQuietly(1_000);
            }
        }
    }

    /** Waits until the next block is due, then seals one on the tip (or gives up when the tip moves). */
    private void mineOne() throws InterruptedException {
        ChainHead head = chain.head();
        long due = head.height().isGenesis() ? 0 : head.tip().timestamp() + config.minBlockIntervalSeconds();
        if (clock.seconds() < due) {
            Thread.sleep(Math.min(IDLE_POLL_MILLIS, Math.max(1, due * 1000 - clock.millis())));
            return;
        }
        long builtAt = clock.millis();
        BlockTemplate template = BlockAssembler.assemble(
                head.tip(),
                mempool.select(head.tip().state(), config.maxTransactions()),
                config.key().publicKey(),
                config.coinbaseRecipient(),
                clock.seconds(),
                chain.rules(),
                chain.signatureVerifier(),
                new LifelongEnv(chain.blobs(), ComputePool.serial()));
        long nonce = nonces.nextLong();
        while (running) {
            Optional<BlockHeader> sealed = IdleSealer.seal(template.header(), nonce, config.sliceTries());
            if (sealed.isPresent()) {
                publish(template.toBlock(sealed.get().signedBy(config.key())));
                return;
            }
            metrics.sealAttempts.increment(config.sliceTries());
            nonce += config.sliceTries();
            if (chain.head() != head || clock.millis() - builtAt > TEMPLATE_REFRESH_MILLIS) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void publish(Block block) {
        ImportResult result = chain.importBlock(block);
        switch (result) {
            case ImportResult.Connected c -> {
                metrics.blocksMined.increment();
                LOG.debug(
                        "mined block {} at height {}",
                        block.hash().shortHex(),
                        block.header().height());
            }
            case ImportResult.Rejected r ->
                LOG.error(
                        "miner: own block {} was rejected: {} ({}); this is a bug",
                        block.hash().shortHex(),
                        r.reason(),
                        r.detail());
            case ImportResult.Deferred d -> {
                LOG.warn("miner: block {} deferred: {} ({})", block.hash().shortHex(), d.reason(), d.detail());
                sleepQuietly(1_000);
            }
            case ImportResult.SideChain s ->
                LOG.debug("miner: block {} lost a race: {}", block.hash().shortHex(), s.why());
            case ImportResult.AlreadyKnown k -> {}
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the miner and waits for its thread (at most a slice). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
