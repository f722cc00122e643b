package dev.clusterstack.core.render.v1beta2;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The enabledIf forms {@link Conditions} reads, and the ones it leaves alone (expected values written by hand). */
class ConditionsTest {
    @Test
    void ifTrueFormsBecomeExpressions() {
        assertEquals(".etcdDefrag", Conditions.expression("{{ if .etcdDefrag }}true{{ end }}"));
        assertEquals(".a", Conditions.expression("{{- if .a -}} true {{- end -}}"));
        assertEquals(".a", Conditions.expression("{{ if .a }}true{{ else }}false{{ end }}"));
        assertEquals("and (.oidc) (and .oidc.issuer_url .oidc.client_id)", Conditions.expression(
                "{{ if .oidc }}{{ if and .oidc.issuer_url .oidc.client_id }}true{{ end }}{{ end }}"));
        assertEquals("gt (len .m) 2", Conditions.expression("{{ if gt (len .m) 2 }}true{{end}}"));
    }

    @Test
    void otherFormsAreNotRead() {
        assertNull(Conditions.expression("{{ eq .lb \"ovn\" }}"));
        assertNull(Conditions.expression("{{ if .a }}yes{{ end }}"));
        assertNull(Conditions.expression("{{ if .a }}true{{ end }}{{ if .b }}true{{ end }}"));
        assertNull(Conditions.any(List.of("{{ if .a }}true{{ end }}", "{{ .b }}")));
    }

    @Test
    void groupsStayWithinClusterApisLimitOf256Characters() {
        String a = "{{ if .aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }}true{{ end }}";
        String b = a.replace(".a", ".b");
        String c = a.replace(".a", ".c");
        String other = "{{ eq .lb \"ovn\" }}";
        List<List<String>> groups = Conditions.groups(List.of(a, other, b, c));
        assertEquals(List.of(List.of(other), List.of(a, b), List.of(c)), groups);
        assertEquals(true, Conditions.any(List.of(a, b)).length() <= 256);
        assertEquals(true, Conditions.any(List.of(a, b, c)).length() > 256);
    }

    @Test
    void anyOfOneIsItselfAndOfSeveralIsOr() {
        assertEquals("{{ .b }}", Conditions.any(List.of("{{ .b }}")));
        assertEquals("{{ if or (.a) (.b) }}true{{ end }}", Conditions.any(List.of("{{ if .a }}true{{ end }}",
                "{{ if .b }}true{{ end }}")));
    }
}
