package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CRD defaults applied to templates as the API server would, before patches run. */
class StructuralDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultsOnlyWhereTheParentExists() throws Exception {
        JsonNode schema = JSON.readTree("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{"
                + "\"a\":{\"type\":\"object\",\"default\":{},\"properties\":{\"b\":{\"type\":\"string\",\"default\":\"x\"}}},"
                + "\"c\":{\"type\":\"object\",\"properties\":{\"d\":{\"type\":\"integer\",\"default\":1}}},"
                + "\"n\":{\"type\":\"string\",\"default\":\"filled\"},"
                + "\"m\":{\"type\":\"string\",\"nullable\":true,\"default\":\"kept-null\"},"
                + "\"l\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"e\":{\"type\":\"boolean\",\"default\":true}}}}}}}}");
        JsonNode obj = JSON.readTree("{\"spec\":{\"n\":null,\"m\":null,\"l\":[{},{\"e\":false}]}}");
        StructuralDefaults.apply(obj, schema);
        // a: defaulted to {} and then its own default; c: absent, so no d; n: null and not nullable gets its default
        assertEquals(JSON.readTree("{\"spec\":{\"n\":\"filled\",\"m\":null,\"l\":[{\"e\":true},{\"e\":false}],"
                + "\"a\":{\"b\":\"x\"}}}"), obj);
    }

    @Tag("shared")
    @Test
    void realCrdDefaultsGiveTheParentAPatchNeeds() throws Exception {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-provider-openstack-v0.12.7"));
        JsonNode template = JSON.readTree("{\"apiVersion\":\"infrastructure.cluster.x-k8s.io/v1beta1\",\"kind\":"
                + "\"OpenStackMachineTemplate\",\"metadata\":{\"name\":\"m\"},\"spec\":{\"template\":{\"spec\":{"
                + "\"flavor\":\"f\",\"image\":{\"filter\":{\"name\":\"i\"}},\"identityRef\":{\"name\":\"x\",\"cloudName\":\"c\"},"
                + "\"rootVolume\":{\"sizeGiB\":50,\"availabilityZone\":{}}}}}}");
        StructuralDefaults.apply(template, crds.openApiSchema("infrastructure.cluster.x-k8s.io/v1beta1",
                "OpenStackMachineTemplate").orElseThrow());
        // CAPO's rootVolume.availabilityZone.from defaults to Name (set by the API server before Cluster API patches)
        assertEquals("Name", template.at("/spec/template/spec/rootVolume/availabilityZone/from").asText());
        assertEquals(true, template.at("/spec/template/spec/ports").isMissingNode(), "no parent, no default");
    }
}
