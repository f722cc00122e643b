package dev.clusterstack.core.plan.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code x-kubernetes-validations} rules with the Kubernetes CEL library functions this plan evaluates, and the
 * report of those it does not. Expected values are written by hand from the Kubernetes CEL library documentation
 * (k8s.io/apiserver/pkg/cel/library) and the CEL language definition.
 */
class CelRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<VariableFinding> check(String schemaYaml, String valueJson) throws IOException {
        JsonNode schema = YAML.readTree(schemaYaml);
        return ClusterVariables.validate(List.of(new VariableDefinition("v", false, schema)),
                List.of(new VariableValue("v", JSON.readTree(valueJson))), "spec.topology.variables", false);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        // strings: standard functions and the strings extension
        "self.matches('^[a-z]+-[0-9]+$') | '\"node-12\"'",
        "self.size() == 7 && self.startsWith('node') && self.endsWith('12') && self.contains('e-1') | '\"node-12\"'",
        "self.lowerAscii() == 'abc' && self.upperAscii() == 'ABC' | '\"aBc\"'",
        "self.split(',') == ['a', 'b'] && self.replace(',', ';') == 'a;b' && self.indexOf(',') == 1 | '\"a,b\"'",
        "self.substring(1, 3) == 'bc' && self.charAt(0) == 'a' && ' x '.trim() == 'x' | '\"abcd\"'",
        "['a', 'b'].join('-') == 'a-b' | '\"x\"'",
        "string(1) == '1' && string(self) == 'x' && int('2') == 2 && double('0.5') == 0.5 | '\"x\"'",
        // format (strings extension): %s, %d, %f with precision, %x
        "'%s has %d nodes, %.2f load, %x'.format([self, 3, 0.5, 255]) == 'pool has 3 nodes, 0.50 load, ff' | '\"pool\"'",
        // lists (Kubernetes list library)
        "self.isSorted() && self.sum() == 6 && self.min() == 1 && self.max() == 3 | '[1,2,3]'",
        "self.indexOf(2) == 1 && self.lastIndexOf(2) == 2 && !self.isSorted() == false | '[1,2,2]'",
        "self.all(x, x > 0) && self.exists(x, x == 2) && self.exists_one(x, x == 3) | '[1,2,3]'",
        "self.map(x, x * 2) == [2, 4, 6] && self.filter(x, x > 1).size() == 2 | '[1,2,3]'",
        // regex (Kubernetes regex library)
        "self.find('[0-9]+') == '123' && self.findAll('[a-z]') == ['a', 'b'] && self.findAll('[a-z]', 1) == ['a'] | '\"a123b\"'",
        // URLs (Kubernetes URL library)
        "isURL(self) && url(self).getScheme() == 'https' && url(self).getHost() == 'example.com:8443' | '\"https://example.com:8443/a/b?x=1&x=2\"'",
        "url(self).getHostname() == 'example.com' && url(self).getPort() == '8443' && url(self).getEscapedPath() == '/a/b' | '\"https://example.com:8443/a/b?x=1&x=2\"'",
        "url(self).getQuery() == {'x': ['1', '2']} | '\"https://example.com:8443/a/b?x=1&x=2\"'",
        "!isURL(self) | '\"not a url\"'",
        // quantities (Kubernetes quantity library)
        "quantity(self).isGreaterThan(quantity('1Gi')) && quantity(self).compareTo(quantity('2048Mi')) == 0 | '\"2Gi\"'",
        "quantity(self).asInteger() == 1500 && quantity(self).isInteger() && quantity(self).sign() == 1 | '\"1.5k\"'",
        "isQuantity(self) && !isQuantity('1.5.5') && !quantity(self).isInteger() | '\"500m\"'",
        "quantity(self).add(quantity('500m')) == quantity('1') && quantity(self).asApproximateFloat() == 0.5 | '\"500m\"'",
        "quantity(self).sub(1).isLessThan(quantity('0')) && quantity('1e3').add(24) == quantity('1024') | '\"500m\"'",
        // IP addresses and CIDRs (Kubernetes IP and CIDR libraries; Go's IsGlobalUnicast holds for private addresses)
        "isIP(self) && ip(self).family() == 4 && !ip(self).isLoopback() && ip(self).isGlobalUnicast() | '\"10.0.0.1\"'",
        "ip(self).isLoopback() && ip(self).family() == 6 && string(ip(self)) == '::1' | '\"::1\"'",
        "!isIP('10.0.0.01') && !isIP('::ffff:1.2.3.4') && !isIP(self) | '\"fe80::1%eth0\"'",
        "ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1') && !ip.isCanonical('2001:db8:0:0:0:0:0:1') | '\"x\"'",
        "isCIDR(self) && cidr(self).containsIP('10.8.0.5') && !cidr(self).containsIP(ip('10.9.0.1')) && cidr(self).prefixLength() == 20 | '\"10.8.0.0/20\"'",
        "cidr(self).masked() == cidr('10.8.0.0/20') && string(cidr(self).masked()) == '10.8.0.0/20' && cidr('10.8.0.0/16').containsCIDR(self) | '\"10.8.1.7/20\"'",
        "cidr(self).ip() == ip('10.8.1.7') && !cidr('10.8.0.0/24').containsCIDR('10.8.0.0/16') | '\"10.8.1.7/20\"'",
        // sets extension
        "sets.contains(self, [1]) && sets.intersects(self, [3, 4]) | '[1,2,3]'",
        // optional values
        "self.?a.orValue(0) == 0 | '{}'",
    })
    void kubernetesLibraryRulesPass(String rule, String value) throws IOException {
        String type = value.startsWith("\"") ? "string" : value.startsWith("[") ? "array\nitems: {type: integer}" : "object\nproperties: {a: {type: integer}}";
        List<VariableFinding> findings = check("type: " + type + "\nx-kubernetes-validations: [{rule: " + JSON.writeValueAsString(rule) + "}]", value);
        assertEquals(List.of(), findings, rule);
    }

    @Test
    void failingRuleNamesTheRuleOrTheMessage() throws IOException {
        assertEquals(List.of(new VariableFinding(Severity.ERROR, "spec.topology.variables[v].value",
                        "Invalid value: \"\\\"node_1\\\"\": failed rule: self.matches('^[a-z]+-[0-9]+$')")),
                check("type: string\nx-kubernetes-validations: [{rule: \"self.matches('^[a-z]+-[0-9]+$')\"}]", "\"node_1\""));
    }

    @Test
    void reasonAndFieldPathShapeTheError() throws IOException {
        String schema = """
                type: object
                properties: {a: {type: integer}, b: {type: integer}}
                x-kubernetes-validations:
                  - {rule: "has(self.b)", message: "b must be set", reason: FieldValueRequired, fieldPath: ".b"}
                  - {rule: "self.a < 0", message: "a must be negative", reason: FieldValueForbidden, fieldPath: ".a"}
                """;
        assertEquals(List.of(
                new VariableFinding(Severity.ERROR, "spec.topology.variables[v].value.b", "Required value: b must be set"),
                new VariableFinding(Severity.ERROR, "spec.topology.variables[v].value.a", "Forbidden: a must be negative")),
                check(schema, "{\"a\":1}"));
    }

    @Test
    void rulesApplyToMapValuesAndArrayItemsWithTheirPaths() throws IOException {
        String schema = """
                type: object
                additionalProperties:
                  type: array
                  items:
                    type: integer
                    x-kubernetes-validations: [{rule: "self > 0"}]
                """;
        assertEquals(List.of(new VariableFinding(Severity.ERROR, "spec.topology.variables[v].value[pool][1]",
                        "Invalid value: \"{\\\"pool\\\":[1,0]}\": failed rule: self > 0")),
                check(schema, "{\"pool\":[1,0]}"));
    }

    @Test
    void anAbsentKeyIsAnEvaluationError() throws IOException {
        List<VariableFinding> findings = check("type: object\nproperties: {a: {type: integer}, b: {type: integer}}\n"
                + "x-kubernetes-validations: [{rule: \"self.b == 1\"}]", "{\"a\":1}");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("spec.topology.variables[v].value", findings.get(0).field());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertEquals(true, findings.get(0).message().startsWith("Invalid value: \"{\\\"a\\\":1}\": "), findings.toString());
        assertEquals(true, findings.get(0).message().endsWith(" evaluating rule: self.b == 1"), findings.toString());
    }

    @Test
    void aRuleThatIsNotBooleanIsACompileError() throws IOException {
        assertEquals(List.of(new VariableFinding(Severity.ERROR, "spec.topology.variables[v].value",
                        "Invalid value: \"1\": rule compile error: cel expression must evaluate to a bool")),
                check("type: integer\nx-kubernetes-validations: [{rule: \"self + 1\"}]", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "isSemver(self) | isSemver",
        "semver(self).major() == 1 | semver",
    })
    void aKubernetesFunctionThisPlanDoesNotImplementIsReportedNotEvaluated(String rule, String function) throws IOException {
        List<VariableFinding> findings = check("type: string\nx-kubernetes-validations: [{rule: " + JSON.writeValueAsString(rule) + "}]",
                "\"10.0.0.1\"");
        assertEquals(List.of(new VariableFinding(Severity.NOT_EVALUATED, "spec.topology.variables[v].value",
                "rule not evaluated: it uses the Kubernetes CEL function '" + function + "', which this plan does not"
                        + " implement (a limit of this project, not of Cluster API): " + rule)), findings);
    }

    @Test
    void aRuleOnATimestampTypedStringIsReportedNotEvaluated() throws IOException {
        String rule = "self < timestamp('2030-01-01T00:00:00Z')";
        assertEquals(List.of(new VariableFinding(Severity.NOT_EVALUATED, "spec.topology.variables[v].value",
                "rule not evaluated: it sees a string of format date-time, which Kubernetes gives CEL as a timestamp,"
                        + " duration or bytes and this plan as a string (a limit of this project, not of Cluster API): "
                        + rule)),
                check("type: string\nformat: date-time\nx-kubernetes-validations: [{rule: " + JSON.writeValueAsString(rule) + "}]",
                        "\"2024-01-01T00:00:00Z\""));
    }

    @Test
    void transitionRulesAreSkippedWithoutAnOldValue() throws IOException {
        assertEquals(List.of(), check("type: integer\nx-kubernetes-validations: [{rule: \"self > oldSelf\"}]", "1"));
    }

    @Test
    void nullValuesAreNotCheckedByRules() throws IOException {
        assertEquals(List.of(), check("type: object\nproperties: {a: {type: object, x-kubernetes-preserve-unknown-fields: true,"
                + " x-kubernetes-validations: [{rule: \"false\"}]}}", "{}"));
    }
}
