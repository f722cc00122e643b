package dev.clusterstack.core.feature;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documented example's overwrite.yaml, evaluated with Go templates and sprig as the operator
 * evaluates it, reads the cluster's topology variables.
 */
class ExampleOverwriteTest {
    static final Path OVERWRITE = Path.of("src/main/resources/dev/clusterstack/core/definition/example/files/metrics-server-overwrite.yaml");

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    Map<String, Object> values(List<Map<String, Object>> variables) throws Exception {
        Map<String, Object> cluster = Map.of("metadata", Map.of("name", "c1"), "spec", Map.of(
                "controlPlaneEndpoint", Map.of("host", "10.0.0.1"), "topology", Map.of("variables", variables)));
        String out = HelmGoTemplates.render(tmp, Files.readString(OVERWRITE), Map.of("Cluster", cluster));
        Map<String, Object> doc = new YAMLMapper().readValue(out, Map.class);
        return (Map<String, Object>) new YAMLMapper().readValue((String) doc.get("values"), Map.class).get("metrics-server");
    }

    @Test
    void theImageFollowsTheImageRepositoryVariable() throws Exception {
        Map<String, Object> set = values(List.of(Map.of("name", "imageRepository", "value", "registry.example.com")));
        assertEquals(Map.of("repository", "registry.example.com/metrics-server/metrics-server"), set.get("image"));
        assertEquals(Map.of("cluster", "c1", "domain", "10.0.0.1"), set.get("commonLabels"));

        Map<String, Object> empty = values(List.of(Map.of("name", "imageRepository", "value", "")));
        assertEquals(null, empty.get("image"), "the variable's empty default keeps the chart's image");
        assertEquals(null, values(List.of()).get("image"));
    }
}
