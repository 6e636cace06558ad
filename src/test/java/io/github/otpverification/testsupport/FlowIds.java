package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The demo realm gives its passwordless flows fixed ids, because a client's flow override names
 * a flow by id. A copy imported next to another one on the same server needs its own ids: this
 * gives every flow with an id a fresh one and points the clients' overrides at it.
 */
public final class FlowIds {

    private FlowIds() {
    }

    /** Renews the flow ids of a realm file's tree in place; answers old id to new id. */
    public static Map<String, String> renew(ObjectNode realm) {
        Map<String, String> renewed = new HashMap<>();
        for (JsonNode flow : realm.path("authenticationFlows")) {
            if (flow.hasNonNull("id")) {
                String fresh = UUID.randomUUID().toString();
                renewed.put(flow.get("id").asText(), fresh);
                ((ObjectNode) flow).put("id", fresh);
            }
        }
        for (JsonNode client : realm.path("clients")) {
            if (client.get("authenticationFlowBindingOverrides") instanceof ObjectNode overrides) {
                overrides.fieldNames().forEachRemaining(binding -> {
                    String fresh = renewed.get(overrides.get(binding).asText());
                    if (fresh != null) {
                        overrides.put(binding, fresh);
                    }
                });
            }
        }
        return renewed;
    }
}
