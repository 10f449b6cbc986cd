package io.learnchain.cli.lifelong;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.tx.Payload;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the lifelong commands share: signing and submitting with blobs, fetching models and blobs, reading files. */
final class LifelongClient {
    private final ApiClient api;

    LifelongClient(ApiClient api) {
        this.api = api;
    }

    JsonNode model(long id) {
        return api.get("/api/v1/lifelong/" + id);
    }

    JsonNode list() {
        return api.get("/api/v1/lifelong");
    }

    JsonNode reputation(String address) {
        return api.get("/api/v1/lifelong/reputation/" + address);
    }

    byte[] blob(Hash h) {
        return HexFormat.of()
                .parseHex(api.get("/api/v1/lifelong/blobs/" + h.toHex())
                        .path("hex")
                        .asText());
    }

    /** Signs {@code payload} with the sender's next nonce and posts it with {@code blobs}; returns the result line. */
    Map<String, Object> submit(KeyPair keys, Amount fee, Payload payload, List<byte[]> blobs) {
        Hash chainId = Hash.fromHex(api.get("/api/v1/status").path("chainId").asText());
        Address sender = Address.of(keys.publicKey());
        JsonNode account = api.getIfPresent("/api/v1/accounts/" + sender);
        long nonce = account == null
                ? 0
                : account.path("nonce").asLong()
                        + account.path("pendingTransactions").asLong();
        SignedTransaction tx = SignedTransaction.sign(new TxBody(chainId, keys.publicKey(), nonce, fee, payload), keys);
        List<String> hex = new ArrayList<>();
        for (byte[] b : blobs) {
            hex.add(HexFormat.of().formatHex(b));
        }
        JsonNode answer = api.post(
                "/api/v1/lifelong/transactions",
                Map.of("hex", HexFormat.of().formatHex(TransactionCodec.INSTANCE.encode(tx)), "blobs", hex));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hash", answer.path("hash").asText(tx.hash().toHex()));
        out.put("kind", payload.getClass().getSimpleName());
        out.put("from", sender.toString());
        out.put("nonce", nonce);
        return out;
    }

    static Model readModel(Path file) {
        byte[] bytes = read(file, "model");
        try {
            return Model.fromCanonicalBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + " is not a canonical learnchain model (" + e.getMessage()
                    + "); pass the model.lcm written by learnchain train");
        }
    }

    static Dataset readPart(Path file) {
        byte[] bytes = read(file, "test part");
        try {
            return DatasetCodec.decode(bytes, file.toString());
        } catch (IllegalArgumentException e) {
            throw new UserException(file + " is not a canonical data set (LCDS, DatasetCodec): " + e.getMessage());
        }
    }

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(what + " file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }

    /** A loss in nats ("0.35") as micro-nats. */
    static long microNats(String text, String option) {
        try {
            BigDecimal v = new BigDecimal(text.strip());
            if (v.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return v.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserException(option + " " + text + " is not a loss in nats (a decimal >= 0, e.g. 0.4)");
        }
    }

    static Amount fee(String text) {
        try {
            return Amount.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("--fee " + text + ": " + e.getMessage());
        }
    }
}
