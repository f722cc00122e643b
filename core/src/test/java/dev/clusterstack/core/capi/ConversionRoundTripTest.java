package dev.clusterstack.core.capi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cluster API's TestFuzzyConversion round trips (hub to spoke to hub, spoke to hub to spoke), ported as data in
 * {@code capi/round-trips.yaml}: each case names the Go test and the fuzzer functions whose rules its object keeps.
 */
class ConversionRoundTripTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CASES = Path.of("src/test/resources/dev/clusterstack/core/capi/round-trips.yaml");
    /** What Cluster API's apiVersionGetter answers for the references of these cases. */
    private static final Function<String, String> VERSIONS = gk -> gk.endsWith(".infrastructure.cluster.x-k8s.io")
            ? "infrastructure.cluster.x-k8s.io/v1beta1" : ApiConversion.clusterApiV1Beta1Version(gk);

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : YAML.readTree(CASES.toFile()).path("cases")) {
            out.add(Arguments.of(c.path("name").asText() + " (" + c.path("go").asText() + ")", c.path("direction").asText(),
                    YAML.convertValue(c.path("object"), new TypeReference<LinkedHashMap<String, Object>>() {
                    })));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTrip(String name, String direction, Map<String, Object> object) {
        ApiConversion.Result there;
        ApiConversion.Result back;
        if (direction.equals("hub")) {
            there = ApiConversion.convertToV1Beta1(object, VERSIONS);
            back = ApiConversion.convertToV1Beta2(there.object());
        } else {
            there = ApiConversion.convertToV1Beta2(object);
            back = ApiConversion.convertToV1Beta1(there.object(), VERSIONS);
        }
        assertEquals(List.of(), there.lost(), "nothing the fuzzer rules allow is lost");
        assertEquals(YAML.valueToTree(object), YAML.valueToTree(back.object()));
    }
}
