package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** A template of the patch request: role, holder and the (patched) template object, with the variables it sees. */
final class PatchItem {
    final String role;
    final String holder;
    final ObjectNode template;
    final String mdClass;
    final String mdTopology;
    Map<String, JsonNode> variables;
    String variableField;

    PatchItem(String role, String holder, ObjectNode template, String mdClass, String mdTopology) {
        this.role = role;
        this.holder = holder;
        this.template = template;
        this.mdClass = mdClass;
        this.mdTopology = mdTopology;
    }
}
