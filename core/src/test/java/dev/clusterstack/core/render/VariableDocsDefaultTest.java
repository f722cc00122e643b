package dev.clusterstack.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import org.junit.jupiter.api.Test;

/** Scalar defaults appear as YAML scalars, without the writer's document start marker. */
class VariableDocsDefaultTest {

    @Test
    void scalarDefaultsHaveNoDocumentStartMarker() {
        ClusterClass cc = ClusterClass.builder()
                .variable(ClusterClassVariable.of("registry", JSONSchemaProps.string("Registry.", "")))
                .variable(ClusterClassVariable.of("audit", JSONSchemaProps.bool("Audit.", true)))
                .build();

        String table = VariableDocs.variablesTable(cc);

        assertFalse(table.contains("`--- "), table);
        assertTrue(table.contains("| `registry` | string | `\"\"` |"), table);
        assertTrue(table.contains("| `audit` | boolean | `true` |"), table);
    }
}
