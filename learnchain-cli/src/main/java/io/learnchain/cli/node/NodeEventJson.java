package io.learnchain.cli.node;

import io.learnchain.node.dqn.DqnEventFields;
import io.learnchain.node.event.NodeEvent;
import io.learnchain.node.pole.PoleEventFields;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON line per node event for {@code learnchain node --json} (scripts and the devnet read them). */
final class NodeEventJson {
    private NodeEventJson() {}

    static Map<String, Object> of(NodeEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (event) {
            case NodeEvent.BlockConnected b -> {
                m.put("event", "block");
                m.put("height", b.height().value());
                m.put("hash", b.hash().toHex());
                m.put("previous", b.parent().toHex());
                m.put("transactions", b.transactions());
                m.put("timestamp", b.timestampSeconds());
            }
            case NodeEvent.Reorganized r -> {
                m.put("event", "reorg");
                m.put("oldTip", r.oldTip().toHex());
                m.put("newTip", r.newTip().toHex());
                m.put("forkHeight", r.forkPoint().value());
                m.put("disconnected", r.disconnected());
                m.put("connected", r.connected());
                m.put("transactionsReturned", r.transactionsReturned());
            }
            case NodeEvent.Pole p -> {
                m.put("event", "pole");
                m.putAll(PoleEventFields.of(p.event()));
            }
            case NodeEvent.Dqn d -> {
                m.put("event", "dqn");
                m.putAll(DqnEventFields.of(d.event()));
            }
            case NodeEvent.TransactionAccepted t -> {
                m.put("event", "transaction");
                m.put("hash", t.hash().toHex());
                m.put("from", t.sender());
                m.put("nonce", t.nonce());
                m.put("feeUnits", t.feeUnits());
            }
        }
        return m;
    }
}
