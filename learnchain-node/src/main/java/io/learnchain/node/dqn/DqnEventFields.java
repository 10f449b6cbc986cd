package io.learnchain.node.dqn;

import io.learnchain.node.event.DqnEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a {@link DqnEvent} as the API's event stream, the logs and the CLI's JSON show them. */
public final class DqnEventFields {
    private DqnEventFields() {}

    public static Map<String, Object> of(DqnEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (event) {
            case DqnEvent.Proposed p -> {
                m.put("type", "proposed");
                m.put("node", p.node());
                m.put("block", p.block().toHex());
                m.put("height", p.height());
                m.put("action", p.action());
                m.put("reward", p.reward());
                m.put("gradientSteps", p.gradientSteps());
            }
            case DqnEvent.Rejected r -> {
                m.put("type", "rejected");
                m.put("node", r.node());
                m.put("block", r.block().toHex());
                m.put("reason", r.reason());
            }
        }
        return m;
    }
}
