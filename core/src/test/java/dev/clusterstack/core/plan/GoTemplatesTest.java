package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where Helm's engine differs from Cluster API's, and one failing template among many. */
class GoTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static JsonNode data(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void oneBatchKeepsGoSemantics() throws Exception {
        JsonNode d = data("{\"n\": 3, \"s\": \"x\", \"o\": {\"k\": null}}");
        List<GoTemplates.Result> r = GoTemplates.render(List.of(
                new GoTemplates.Job("{{ printf \"%T\" .n }}", d, -1),   // numbers from JSON are float64, as in Cluster API
                new GoTemplates.Job("{{ .missing }}", d, -1),           // Go prints <no value>; Helm would print ""
                new GoTemplates.Job("{{ .s | upper }}", d, -1),         // sprig
                new GoTemplates.Job("{{ end }}", d, -1),                // a parse error fails only this one
                new GoTemplates.Job("{{ .missing.key }}", d, -1),       // Cluster API: <no value>; Helm: nil pointer
                new GoTemplates.Job("{{ .o.k.x }}", d, -1),             // an explicit null fails in both
                new GoTemplates.Job("{{ include \"x\" . }}", d, -1),    // Helm only
                new GoTemplates.Job("{{ now | date \"2006\" }}", d, -1) // not hermetic
        ), tmp);
        assertEquals("float64", r.get(0).output());
        assertEquals("<no value>", r.get(1).output());
        assertEquals("X", r.get(2).output());
        assertTrue(r.get(3).error().contains("unexpected {{end}}"), r.get(3).error());
        assertTrue(r.get(4).notEvaluated(), String.valueOf(r.get(4)));
        assertTrue(r.get(4).error().contains(".missing.key") && r.get(4).error().contains("\"missing\""), r.get(4).error());
        assertTrue(!r.get(5).notEvaluated() && r.get(5).error().contains("nil pointer"), String.valueOf(r.get(5)));
        assertTrue(r.get(6).error().contains("\"include\""), r.get(6).error());
        assertTrue(r.get(7).error().contains("\"now\""), r.get(7).error());
    }

    @Test
    void aGuardedTemplateRunsOnlyWhenItsGuardIsTrue() throws Exception {
        JsonNode d = data("{\"on\": true, \"off\": false}");
        List<GoTemplates.Result> r = GoTemplates.render(List.of(
                new GoTemplates.Job("{{ .on }}", d, -1),
                new GoTemplates.Job("{{ .off }}", d, -1),
                new GoTemplates.Job("on-{{ .on }}", d, 0),
                new GoTemplates.Job("{{ .nothing.here }}", d, 1)   // would fail, but its patch is disabled
        ), tmp);
        assertEquals("on-true", r.get(2).output());
        assertTrue(r.get(3).skipped(), String.valueOf(r.get(3)));
        assertNull(r.get(3).error());
    }

    @Test
    void enabledIsYamlTrue() {
        assertTrue(GoTemplates.isTrue("\ntrue\n"));
        assertTrue(GoTemplates.isTrue("yes"));
        assertTrue(!GoTemplates.isTrue("\"true\"") && !GoTemplates.isTrue("") && !GoTemplates.isTrue("<no value>"));
    }
}
