package dev.clusterstack.core.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.capi.ApiConversion;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cluster API's controllers work on the hub version: a v1beta1 ClusterClass or Cluster is read as the API server
 * serves it in v1beta2 ({@link ApiConversion#toV1Beta2}), so that the plan reads one layout ({@code templateRef},
 * {@code naming}, machine deployment classes without {@code template:}, {@code healthCheck}, {@code deletion},
 * {@code rollout}, {@code classRef}) whatever version the class or the Cluster was written in.
 */
final class HubForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubForm() {
    }

    /**
     * The object in v1beta2 (a copy; unchanged when not a v1beta1 Cluster API object).
     *
     * @throws IllegalArgumentException naming the field when a value cannot be converted (e.g. a malformed duration)
     */
    static ObjectNode of(JsonNode object) {
        if (!object.path("apiVersion").asText("").equals("cluster.x-k8s.io/v1beta1")) {
            return object.deepCopy();
        }
        Map<String, Object> plain = JSON.convertValue(object, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return JSON.valueToTree(ApiConversion.toV1Beta2(plain));
    }
}
