package io.learnchain.node.p2p;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which inbound peer gives up its slot when every slot is taken and another peer connects, so that
 * connections that do nothing useful cannot keep honest newcomers out (issue 18, item 9; Bitcoin
 * Core's {@code AttemptToEvictConnection} is the model):
 *
 * <ol>
 *   <li>a connection still in its handshake goes first, the oldest;</li>
 *   <li>otherwise the peers that most recently brought a new block, transaction or candidate
 *       ({@value #PROTECTED_USEFUL}) and the longest connected ({@value #PROTECTED_OLDEST}) are kept;</li>
 *   <li>of the rest, the youngest connection of the host with the most connections goes (one host
 *       filling the slots loses its own newest ones first);</li>
 *   <li>when every peer is kept, the newcomer is refused.</li>
 * </ol>
 */
final class InboundEviction {
    static final int PROTECTED_USEFUL = 4;
    static final int PROTECTED_OLDEST = 4;

    private InboundEviction() {}

    static Optional<Peer> choose(List<Peer> inbound) {
        Optional<Peer> pending =
                inbound.stream().filter(p -> !p.ready()).min(Comparator.comparingLong((Peer p) -> p.connectedMillis));
        if (pending.isPresent()) {
            return pending;
        }
        Set<Peer> kept = new HashSet<>();
        inbound.stream()
                .filter(p -> p.lastUsefulMillis() > 0)
                .sorted(Comparator.comparingLong(Peer::lastUsefulMillis).reversed())
                .limit(PROTECTED_USEFUL)
                .forEach(kept::add);
        inbound.stream()
                .filter(p -> !kept.contains(p))
                .sorted(Comparator.comparingLong((Peer p) -> p.connectedMillis))
                .limit(PROTECTED_OLDEST)
                .forEach(kept::add);
        List<Peer> candidates =
                new ArrayList<>(inbound.stream().filter(p -> !kept.contains(p)).toList());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Peer>> byHost =
                candidates.stream().collect(Collectors.groupingBy(p -> AddressBook.hostOf(p.link.address())));
        List<Peer> largest = byHost.values().stream()
                .max(Comparator.comparingInt((List<Peer> g) -> g.size())
                        .thenComparing(g -> youngest(g).connectedMillis))
                .orElseThrow();
        return Optional.of(youngest(largest));
    }

    private static Peer youngest(List<Peer> group) {
        return group.stream()
                .max(Comparator.comparingLong((Peer p) -> p.connectedMillis).thenComparing(p -> p.link.address()))
                .orElseThrow();
    }
}
