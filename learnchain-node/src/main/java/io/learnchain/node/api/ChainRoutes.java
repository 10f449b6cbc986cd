package io.learnchain.node.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.crypto.PublicKey;
import io.learnchain.base.crypto.Signature;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.state.WorldState;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.TransactionCodec;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.TxBody;
import io.learnchain.node.api.Dtos.AccountDto;
import io.learnchain.node.api.Dtos.BlockDto;
import io.learnchain.node.api.Dtos.BlockPageDto;
import io.learnchain.node.api.Dtos.StatusDto;
import io.learnchain.node.api.Dtos.SubmitRequest;
import io.learnchain.node.api.Dtos.SubmitResponse;
import io.learnchain.node.api.Dtos.TransferRequest;
import io.learnchain.node.chain.ChainHead;
import io.learnchain.node.chain.ChainService;
import io.learnchain.node.mempool.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** REST endpoints for the chain, accounts and transactions under /api/v1 (see docs/api.md). */
public final class ChainRoutes implements ApiRoutes {
    static final String VERSION =
            Objects.requireNonNullElse(ChainRoutes.class.getPackage().getImplementationVersion(), "dev");
    private static final int MAX_PAGE = 100;

    private final ChainService chain;
    private final BooleanSupplier mining;
    private final boolean devMode;

    public ChainRoutes(ChainService chain, BooleanSupplier mining, boolean devMode) {
        this.chain = chain;
        this.mining = mining;
        this.devMode = devMode;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/status", this::status);
        app.get("/api/v1/blocks", this::blockPage);
        app.get("/api/v1/blocks/{id}", this::block);
        app.get("/api/v1/transactions/{hash}", this::transaction);
        app.post("/api/v1/transactions", this::submit);
        app.get("/api/v1/mempool", this::mempool);
        app.get("/api/v1/accounts/{address}", this::account);
    }

    private void status(Context ctx) {
        ChainHead head = chain.head();
        var genesis = chain.genesis();
        ctx.json(new StatusDto(
                genesis.chainId().toHex(),
                genesis.chainName(),
                genesis.engine().name(),
                head.height().value(),
                head.hash().toHex(),
                head.tip().timestamp(),
                head.tip().nextDifficulty(chain.rules()),
                genesis.targetBlockSeconds(),
                chain.mempool().size(),
                mining.getAsBoolean(),
                devMode,
                VERSION));
    }

    private void blockPage(Context ctx) {
        int limit = QueryParams.intParam(ctx, "limit", 20, 1, MAX_PAGE);
        long tip = chain.head().height().value();
        long before = QueryParams.longParam(ctx, "before", tip + 1, 0, Long.MAX_VALUE);
        List<BlockDto> blocks = new ArrayList<>();
        long h = Math.min(before - 1, tip);
        for (; h >= 0 && blocks.size() < limit; h--) {
            blocks.add(
                    h == 0
                            ? ApiViews.genesis(chain.genesis())
                            : ApiViews.block(chain.blockAt(Height.of(h)).orElseThrow(), true, false));
        }
        ctx.json(new BlockPageDto(tip, blocks, h >= 0 ? h + 1 : null));
    }

    private void block(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.chars().allMatch(Character::isDigit) && !id.isEmpty() && id.length() < 19) {
            Height height = Height.of(Long.parseLong(id));
            if (height.isGenesis()) {
                ctx.json(ApiViews.genesis(chain.genesis()));
                return;
            }
            Block block = chain.blockAt(height)
                    .orElseThrow(() -> ApiException.notFound("no block at height " + height + "; the tip is at height "
                            + chain.head().height()));
            ctx.json(ApiViews.block(block, true, true));
            return;
        }
        Hash hash = parseHash(id, "block hash or height");
        if (hash.equals(chain.genesis().chainId())) {
            ctx.json(ApiViews.genesis(chain.genesis()));
            return;
        }
        Block block = chain.block(hash)
                .orElseThrow(() -> ApiException.notFound("no block " + hash.toHex() + " on this node"));
        ctx.json(ApiViews.block(block, chain.isCanonical(hash), true));
    }

    private void transaction(Context ctx) {
        Hash hash = parseHash(ctx.pathParam("hash"), "transaction hash");
        var included = chain.transaction(hash);
        if (included.isPresent()) {
            ctx.json(ApiViews.transaction(
                    included.get().transaction(), included.get().location()));
            return;
        }
        SignedTransaction pending = chain.mempool()
                .get(hash)
                .orElseThrow(() -> ApiException.notFound(
                        "transaction " + hash.toHex() + " is neither in the canonical chain nor pending on this node"));
        ctx.json(ApiViews.transaction(pending, null));
    }

    private void mempool(Context ctx) {
        int limit = QueryParams.intParam(ctx, "limit", 50, 1, 1000);
        ctx.json(chain.mempool().pending(limit).stream()
                .map(tx -> ApiViews.transaction(tx, null))
                .toList());
    }

    private void account(Context ctx) {
        Address address = parseAddress(ctx.pathParam("address"));
        WorldState state = chain.head().tip().state();
        if (!state.contains(address)) {
            throw ApiException.notFound("account " + address + " is unknown: it has never received coins, so its"
                    + " balance is 0 and its next nonce 0. Check the address, or send it coins first.");
        }
        var account = state.account(address);
        int pending = (int) chain.mempool().pending(Integer.MAX_VALUE).stream()
                .filter(tx -> tx.body().senderAddress().equals(address))
                .count();
        ctx.json(new AccountDto(
                address.toString(),
                ApiViews.amount(account.balance()),
                account.nonce(),
                account.reputation(),
                pending));
    }

    private void submit(Context ctx) {
        SubmitRequest request = ctx.bodyAsClass(SubmitRequest.class);
        if (request == null || (request.hex() == null) == (request.transaction() == null)) {
            throw ApiException.badRequest("send exactly one of {\"hex\": \"<canonical signed transaction>\"} or"
                    + " {\"transaction\": {...}} (see docs/api.md)");
        }
        SignedTransaction tx = request.hex() != null ? decodeHex(request.hex()) : fromJson(request.transaction());
        Admission admission = chain.submitTransaction(tx);
        switch (admission) {
            case Admission.Accepted accepted ->
                ctx.status(202).json(new SubmitResponse(accepted.hash().toHex(), "pending"));
            case Admission.Rejected rejected ->
                throw new ApiException(
                        rejected.reason() == Admission.Reason.ALREADY_KNOWN ? 409 : 422,
                        rejected.reason().code(),
                        rejected.message());
        }
    }

    private static SignedTransaction decodeHex(String hex) {
        Bytes bytes = Bytes.fromHex(hex.strip());
        Transaction tx;
        try {
            tx = TransactionCodec.INSTANCE.decode(bytes.unsafeArray());
        } catch (CodecException e) {
            throw ApiException.badRequest("the hex is not a canonical signed transaction: " + e.getMessage());
        }
        if (!(tx instanceof SignedTransaction signed)) {
            throw ApiException.badRequest("a coinbase cannot be submitted; only blocks carry one");
        }
        return signed;
    }

    private static SignedTransaction fromJson(TransferRequest t) {
        require(t.chainId(), "chainId");
        require(t.senderKey(), "senderKey");
        require(t.fee(), "fee");
        require(t.to(), "to");
        require(t.amount(), "amount");
        require(t.signature(), "signature");
        TxBody body = new TxBody(
                Hash.fromHex(t.chainId()),
                PublicKey.fromHex(t.senderKey()),
                t.nonce(),
                Amount.parse(t.fee()),
                new Transfer(parseAddress(t.to()), Amount.parse(t.amount())));
        return new SignedTransaction(body, Signature.fromHex(t.signature()));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("transaction field '" + field + "' is missing");
        }
    }

    static Hash parseHash(String text, String what) {
        try {
            return Hash.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("not a " + what + ": " + e.getMessage());
        }
    }

    static Address parseAddress(String text) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
