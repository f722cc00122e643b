package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;

/** A machine deployment class of a ClusterClass (v1beta1 or v1beta2 layout): its template references and naming. */
record MachineDeploymentClass(String name, JsonNode bootstrapRef, JsonNode infraRef, JsonNode metadata, String naming,
                              JsonNode spec) {
}
