package io.learnchain.node.api;

import io.javalin.Javalin;
import io.learnchain.node.p2p.BanList;
import io.learnchain.node.p2p.PeerInfo;
import io.learnchain.node.p2p.PeerService;
import io.learnchain.node.p2p.netty.P2pNetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/peers}: the peer protocol's view (connected peers, bans, sync progress); a
 * node without the peer protocol answers with {@code enabled: false}.
 */
public final class PeerRoutes implements ApiRoutes {
    private final Optional<P2pNetwork> peers;

    public PeerRoutes(Optional<P2pNetwork> peers) {
        this.peers = peers;
    }

    /** One connected peer. */
    public record PeerDto(
            String address,
            boolean inbound,
            boolean ready,
            long bestHeight,
            String bestHash,
            String nodeId,
            int misbehaviour) {
        static PeerDto of(PeerInfo p) {
            return new PeerDto(
                    p.address(), p.inbound(), p.ready(), p.bestHeight(), p.bestHash(), p.nodeId(), p.misbehaviour());
        }
    }

    /** One ban: what it is recorded under, why, until when (ms since the epoch). */
    public record BanDto(String key, String reason, long untilMillis) {}

    public record PeersDto(
            boolean enabled,
            int port,
            List<PeerDto> peers,
            List<BanDto> bans,
            boolean syncing,
            long syncedBlocks,
            long stalls) {}

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/peers", ctx -> ctx.json(view()));
    }

    PeersDto view() {
        if (peers.isEmpty()) {
            return new PeersDto(false, 0, List.of(), List.of(), false, 0, 0);
        }
        PeerService s = peers.get().service();
        Map<String, BanList.Ban> bans = new LinkedHashMap<>(s.bans().entries());
        return new PeersDto(
                true,
                peers.get().port(),
                s.peers().stream().map(PeerDto::of).toList(),
                bans.entrySet().stream()
                        .map(e -> new BanDto(
                                e.getKey(), e.getValue().reason(), e.getValue().untilMillis()))
                        .toList(),
                s.syncing(),
                s.syncedBlocks(),
                s.stalls());
    }
}
