package dev.clusterstack.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import org.junit.jupiter.api.Test;

/** Defaults appear as compact JSON: one unambiguous line per table cell. */
class VariableDocsDefaultTest {

    @Test
    void scalarDefaultsHaveNoDocumentStartMarker() {
        ClusterClass cc = ClusterClass.builder()
                .variable(ClusterClassVariable.of("registry", JSONSchemaProps.string("Registry.", "")))
                .variable(ClusterClassVariable.of("audit", JSONSchemaProps.bool("Audit.", true)))
                .variable(ClusterClassVariable.of("flavor", JSONSchemaProps.string("Flavor.", "SCS-2V-4")))
                .variable(ClusterClassVariable.of("dns", JSONSchemaProps.builder("array").items(JSONSchemaProps.builder("string")
                        .build()).defaultValue(java.util.List.of("5.1.66.255", "185.150.99.255")).build()))
                .variable(ClusterClassVariable.of("labels", JSONSchemaProps.builder("object").additionalProperties(
                        JSONSchemaProps.builder("string").build()).defaultValue(java.util.Map.of()).build()))
                .build();

        String table = VariableDocs.variablesTable(cc);

        assertFalse(table.contains("`--- "), table);
        assertTrue(table.contains("| `registry` | string | `\"\"` |"), table);
        assertTrue(table.contains("| `audit` | boolean | `true` |"), table);
        assertTrue(table.contains("| `flavor` | string | `\"SCS-2V-4\"` |"), table);
        assertTrue(table.contains("| `dns` | array of string | `[\"5.1.66.255\",\"185.150.99.255\"]` |"), table);
        assertTrue(table.contains("| `labels` | object | `{}` |"), table);
    }
}
