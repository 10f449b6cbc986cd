package io.learnchain.cli.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.cli.api.ApiClient;
import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain wallet send}: signs a transfer locally and submits it to a node. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Sign a transfer with a wallet's key (locally) and submit it to a running node.")
final class WalletSendCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "WALLET", description = "Wallet name, key file, or dev:N.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient address (lc1...).")
    String to;

    @Option(
            names = "--amount",
            required = true,
            paramLabel = "COINS",
            description = "Amount in coins, up to 8 decimals (e.g. 12.5).")
    String amount;

    @Option(
            names = "--fee",
            defaultValue = "0.0001",
            paramLabel = "COINS",
            description = "Fee paid to the miner (default: ${DEFAULT-VALUE}).")
    String fee;

    @Option(
            names = "--nonce",
            paramLabel = "N",
            description = "Use this nonce instead of the next one the node reports.")
    Long nonce;

    @Mixin
    WalletDirOption walletDir;

    @Mixin
    PasswordOptions password;

    @Mixin
    ApiOption api;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Address recipient = Address.parse(to);
        Amount value = parseAmount(amount, "--amount");
        Amount fees = parseAmount(fee, "--fee");
        ApiClient client = api.client();
        Hash chainId = Hash.fromHex(client.get("/api/v1/status").path("chainId").asText());
        KeyPair keys = Signer.keys(from, walletDir.directory(), password);
        Address sender = Address.of(keys.publicKey());
        long useNonce = nonce != null ? nonce : nextNonce(client.getIfPresent("/api/v1/accounts/" + sender));
        TxBody body = new TxBody(chainId, keys.publicKey(), useNonce, fees, new Transfer(recipient, value));
        SignedTransaction tx = SignedTransaction.sign(body, keys);
        String raw = HexFormat.of().formatHex(TransactionCodec.INSTANCE.encode(tx));
        JsonNode answer = client.post("/api/v1/transactions", Map.of("hex", raw));
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("hash", answer.path("hash").asText(tx.hash().toHex()));
        result.put("from", sender.toString());
        result.put("to", recipient.toString());
        result.put("amount", value.toString());
        result.put("fee", fees.toString());
        result.put("nonce", useNonce);
        if (json.json) {
            JsonOption.printJson(out, result);
        } else {
            out.println("Submitted " + value + " LC from " + sender + " to " + recipient + " (fee " + fees + ", nonce "
                    + useNonce + ")");
            out.println("transaction " + result.get("hash"));
            out.flush();
        }
        return 0;
    }

    /** The account's next nonce after the transactions it already has pending. */
    private static long nextNonce(JsonNode account) {
        if (account == null) {
            return 0;
        }
        return account.path("nonce").asLong()
                + account.path("pendingTransactions").asLong();
    }

    private static Amount parseAmount(String text, String option) {
        try {
            return Amount.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + " " + text + ": " + e.getMessage());
        }
    }
}
