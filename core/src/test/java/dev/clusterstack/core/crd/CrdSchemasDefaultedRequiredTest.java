package dev.clusterstack.core.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A required field with a schema default is filled by the API server, so leaving it out is no violation. */
class CrdSchemasDefaultedRequiredTest {

  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: things.example.org
      spec:
        group: example.org
        names: {kind: Thing, plural: things}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [type, name]
                    properties:
                      type:
                        type: string
                        default: Secret
                      name:
                        type: string
      """;

  @Test
  void onlyTheFieldWithoutDefaultIsRequired(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("crd.yaml"), CRD);
    CrdSchemas schemas = CrdSchemas.load(dir);

    List<SchemaViolation> none = schemas.validate(Map.of("apiVersion", "example.org/v1", "kind", "Thing",
        "spec", Map.of("name", "a")));
    List<SchemaViolation> missingName = schemas.validate(Map.of("apiVersion", "example.org/v1", "kind", "Thing",
        "spec", Map.of("type", "Secret")));

    assertEquals(List.of(), none);
    assertEquals(1, missingName.size(), missingName::toString);
    assertEquals("/spec/name", missingName.get(0).path());
  }
}
