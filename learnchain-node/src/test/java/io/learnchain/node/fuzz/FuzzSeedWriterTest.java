package io.learnchain.node.fuzz;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockCodec;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.GenesisCodec;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.data.IdxFile;
import io.learnchain.learn.data.IdxReader;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import io.learnchain.node.gossip.GossipMessage;
import io.learnchain.node.p2p.wire.WireCodec;
import io.learnchain.node.p2p.wire.WireLimits;
import io.learnchain.node.p2p.wire.WireMessage;
import io.learnchain.testkit.ChainBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the valid seed inputs of {@link DecoderFuzzTest} (one per kind of value), from which the
 * fuzzer mutates. Run on purpose only:
 * {@code ./mvnw -pl learnchain-node test -Dtest=FuzzSeedWriterTest
 * -Dlearnchain.writeFuzzSeeds=$PWD/learnchain-node/src/test/resources/io/learnchain/node/fuzz/DecoderFuzzTestInputs}
 */
@EnabledIfSystemProperty(named = "learnchain.writeFuzzSeeds", matches = ".+")
class FuzzSeedWriterTest {
    @Test
    void writesTheSeeds() throws IOException {
        Path root = Path.of(System.getProperty("learnchain.writeFuzzSeeds"));
        ChainBuilder chain = ChainBuilder.devnet();
        SignedTransaction tx = chain.transfer(0, 1, Amount.ofUnits(5));
        Block block = chain.addBlock(tx);
        Genesis genesis = chain.genesis();
        WireCodec wire = new WireCodec(WireLimits.DEFAULT);

        write(root, "block", "seed-block-with-transfer", BlockCodec.BLOCK.encode(block));
        write(root, "transaction", "seed-transfer", TransactionCodec.INSTANCE.encode(tx));
        write(root, "genesis", "seed-devnet", GenesisCodec.INSTANCE.encode(genesis));
        write(
                root,
                "wireFrame",
                "seed-hello",
                wire.encode(new WireMessage.Hello(
                        WireCodec.PROTOCOL_VERSION,
                        genesis.chainId(),
                        Height.of(1),
                        block.hash(),
                        Hash.sha256(new byte[] {1}),
                        9645)));
        write(root, "wireFrame", "seed-blocks", wire.encode(new WireMessage.Blocks(List.of(block))));
        write(
                root,
                "wireFrame",
                "seed-gossip-transaction",
                wire.encode(new WireMessage.Gossip(new GossipMessage.Transaction(tx))));

        Dataset small = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        int n = 3;
        int width = small.features().length / small.labels().length;
        Dataset three = new Dataset(
                "seed",
                small.sampleShape(),
                small.classes(),
                Arrays.copyOf(small.features(), n * width),
                Arrays.copyOf(small.labels(), n));
        write(root, "dataset", "seed-three-samples", DatasetCodec.encode(three));
        write(root, "idxFile", "seed-labels", IdxReader.encode(new IdxFile(new int[] {4}, new byte[] {1, 2, 3, 4})));
        write(
                root,
                "csvFile",
                "seed-two-rows",
                "label,p0,p1,p2\n1,0,128,255\n0,255,0,7\n".getBytes(StandardCharsets.US_ASCII));
        write(
                root,
                "modelFile",
                "seed-tiny-mlp",
                ModelSafetensors.write(
                        Initializer.initialize(ModelSpec.parse("input 4 | dense 3 | relu | dense 2"), 1)));
    }

    private static void write(Path root, String target, String name, byte[] bytes) throws IOException {
        Path dir = root.resolve(target);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
