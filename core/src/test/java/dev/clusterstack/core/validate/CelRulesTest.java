package dev.clusterstack.core.validate;

import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CEL of {@code x-kubernetes-validations}, compiled with {@code self} typed from the schema. The
 * valid rules are those of Cluster API's own tests (internal/topology/variables/
 * clusterclass_variable_validation_test.go, cluster_variable_validation_test.go and schema_test.go
 * of v1.14.0), on schemas of the same shape; each must compile as the API server compiles it.
 */
class CelRulesTest {
    private static final JSONSchemaProps INTEGER = type("integer").build();
    private static final JSONSchemaProps STRING = type("string").build();
    private static final JSONSchemaProps INT_LIST = type("array").items(INTEGER).build();
    private static final JSONSchemaProps INT_MAP = type("object").additionalProperties(INTEGER).build();
    private static final JSONSchemaProps OBJECT = type("object").property("a", INTEGER).property("field", INTEGER)
            .property("replicas", INTEGER).property("x-dash-prop", type("boolean").build()).build();
    private static final JSONSchemaProps NESTED = type("object").property("a", type("object").property("b",
            type("object").property("c", type("number").build()).build()).build()).build();

    static Stream<Arguments> clusterApiRules() {
        return Stream.of(
                Arguments.of(INTEGER, "self > 0"), Arguments.of(INTEGER, "self > 50 && self < 100"),
                Arguments.of(INTEGER, "self >= 1"), Arguments.of(INTEGER, "self > oldSelf"),
                Arguments.of(INTEGER, "self <= 1"), Arguments.of(INTEGER, "true"),
                // a messageExpression of clusterclass_variable_validation_test.go
                Arguments.of(INTEGER, "'Expected integer to be between 50 and 100, got %d'.format([self])"),
                Arguments.of(OBJECT, "self.a > 0"), Arguments.of(OBJECT, "has(self.field)"),
                Arguments.of(OBJECT, "!has(self.field2)"), Arguments.of(OBJECT, "self.field == oldSelf.field"),
                Arguments.of(OBJECT, "self.replicas >= 1"), Arguments.of(OBJECT, "self.x__dash__prop"),
                Arguments.of(OBJECT, "self.field <= 1"), Arguments.of(NESTED, "self.a.b.c > 0.0"),
                Arguments.of(INT_LIST, "[3] + self == [3,1,2]"), Arguments.of(INT_LIST, "self + [3] == [1,2,3]"),
                Arguments.of(INT_LIST, "self != [2,1]"), Arguments.of(INT_LIST, "self == [1,2]"),
                Arguments.of(INT_LIST, "self[0] == 1"), Arguments.of(INT_LIST, "self.all(value, value >= 1)"),
                Arguments.of(INT_MAP, "'key1' in self"), Arguments.of(INT_MAP, "self['key1'] == 1"),
                Arguments.of(INT_MAP, "self == {'key1':1,'key2':2}"), Arguments.of(INT_MAP, "self.all(value, self[value] >= 1)"),
                Arguments.of(STRING, "self.contains('keyword')"), Arguments.of(STRING, "oldSelf.contains('keyword')"),
                Arguments.of(STRING, "ip(self).family() == 6"),
                // Kubernetes library functions the reference stacks and Kubernetes documentation use
                Arguments.of(INT_LIST, "self.isSorted() && self.indexOf(1) == 0 && self.sum() > 0"),
                Arguments.of(STRING, "isURL(self) && url(self).getScheme() == 'https'"),
                Arguments.of(STRING, "self.matches('^[a-z]+$') && self.find('[0-9]+') == ''"),
                Arguments.of(STRING, "isCIDR(self) && cidr(self).prefixLength() <= 24"),
                Arguments.of(STRING, "isQuantity(self) && quantity(self).isLessThan(quantity('1Gi'))"),
                Arguments.of(STRING, "self.lowerAscii().split(',').size() < 3"),
                Arguments.of(OBJECT, "!has(self.a) || self.?a.orValue(0) > 1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("clusterApiRules")
    void aRuleClusterApiAcceptsCompiles(JSONSchemaProps schema, String rule) {
        assertEquals(Optional.empty(), CelRules.compile(rule, CelRules.typeOf(schema)));
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                // cluster_variable_validation_test.go: "fail if x-kubernetes-validations has invalid rule"
                Arguments.of(INTEGER, "this does not compile", "mismatched input 'does'"),
                Arguments.of(INTEGER, "self.startsWith('a')", "found no matching overload for 'startsWith'"),
                Arguments.of(STRING, "self > 1", "found no matching overload for '_>_' applied to '(string, int)'"),
                Arguments.of(INTEGER, "nosuchfunction(self)", "undeclared reference to 'nosuchfunction'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenRules")
    void aBrokenRuleIsReported(JSONSchemaProps schema, String rule, String fragment) {
        Optional<String> error = CelRules.compile(rule, CelRules.typeOf(schema));
        assertTrue(error.isPresent() && error.get().contains(fragment), error.toString());
    }

    private static JSONSchemaProps.Builder type(String type) {
        return JSONSchemaProps.builder(type);
    }
}
