package dev.clusterstack.core.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.capi.ApiConversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        return of(object, new ArrayList<>());
    }

    /** Like {@link #of(JsonNode)}, adding to {@code lost} what v1beta2 cannot hold ({@link ApiConversion.Result#lost()}). */
    static ObjectNode of(JsonNode object, List<String> lost) {
        if (!object.path("apiVersion").asText("").equals("cluster.x-k8s.io/v1beta1")) {
            return object.deepCopy();
        }
        Map<String, Object> plain = JSON.convertValue(object, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        ApiConversion.Result hub = ApiConversion.convertToV1Beta2(plain);
        lost.addAll(hub.lost());
        return JSON.valueToTree(hub.object());
    }
}
