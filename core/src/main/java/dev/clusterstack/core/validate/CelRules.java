package dev.clusterstack.core.validate;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the CEL of {@code x-kubernetes-validations} ({@code rule} and {@code messageExpression})
 * as the Kubernetes API server would: {@code self} (and {@code oldSelf}) typed from the schema the
 * rule sits on (objects as {@code map(string, dyn)}, so Kubernetes' escaped property names work;
 * {@code int-or-string} and preserved unknown fields as {@code dyn}), the standard macros, optional
 * values, the string extensions, and the Kubernetes library functions (lists, regex, URLs, IPs and
 * CIDRs, quantities, semver, format) declared with {@code dyn} arguments: a rule that Kubernetes
 * compiles compiles here; what fails is a syntax error, an unknown function or a type mismatch.
 */
final class CelRules {
    private static final Map<CelType, CelCompiler> COMPILERS = new ConcurrentHashMap<>();
    /** Kubernetes CEL library functions: name and number of arguments besides the receiver (-1: a global function of one). */
    private static final List<Object[]> KUBERNETES = List.of(
            // lists
            new Object[]{"isSorted", 0}, new Object[]{"sum", 0}, new Object[]{"min", 0}, new Object[]{"max", 0},
            new Object[]{"indexOf", 1}, new Object[]{"lastIndexOf", 1},
            // regex
            new Object[]{"find", 1}, new Object[]{"findAll", 1}, new Object[]{"findAll", 2},
            // URLs
            new Object[]{"url", -1}, new Object[]{"isURL", -1}, new Object[]{"getScheme", 0}, new Object[]{"getHost", 0},
            new Object[]{"getHostname", 0}, new Object[]{"getPort", 0}, new Object[]{"getEscapedPath", 0},
            new Object[]{"getQuery", 0},
            // IPs and CIDRs
            new Object[]{"ip", -1}, new Object[]{"isIP", -1}, new Object[]{"cidr", -1}, new Object[]{"isCIDR", -1},
            new Object[]{"family", 0}, new Object[]{"isUnspecified", 0}, new Object[]{"isLoopback", 0},
            new Object[]{"isLinkLocalMulticast", 0}, new Object[]{"isLinkLocalUnicast", 0}, new Object[]{"isGlobalUnicast", 0},
            new Object[]{"containsIP", 1}, new Object[]{"containsCIDR", 1}, new Object[]{"prefixLength", 0},
            new Object[]{"masked", 0}, new Object[]{"ip", 0},
            // quantities
            new Object[]{"quantity", -1}, new Object[]{"isQuantity", -1}, new Object[]{"sign", 0},
            new Object[]{"isInteger", 0}, new Object[]{"asInteger", 0}, new Object[]{"asApproximateFloat", 0},
            new Object[]{"add", 1}, new Object[]{"sub", 1}, new Object[]{"isLessThan", 1}, new Object[]{"isGreaterThan", 1},
            new Object[]{"compareTo", 1},
            // semver
            new Object[]{"semver", -1}, new Object[]{"isSemver", -1}, new Object[]{"major", 0}, new Object[]{"minor", 0},
            new Object[]{"patch", 0},
            // format
            new Object[]{"validate", 1}, new Object[]{"named", -1});

    private CelRules() {
    }

    /** Reasons Kubernetes accepts for a rule's failure. */
    private static final List<String> REASONS = List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid",
            "FieldValueRequired");

    /** Every CEL error of the schema's validation rules, recursively. */
    static void check(JSONSchemaProps s, String path, Problems problems) {
        check(s, path, null, problems);
    }

    /** {@code inArray}: the path of the outermost array items above, where {@code oldSelf} cannot be correlated. */
    private static void check(JSONSchemaProps s, String path, String inArray, Problems problems) {
        if (s == null) {
            return;
        }
        CelType self = typeOf(s);
        for (int i = 0; i < s.validations().size(); i++) {
            JSONSchemaProps.ValidationRule r = s.validations().get(i);
            String rPath = path + ".x-kubernetes-validations[" + i + "]";
            if (r == null) {
                continue;
            }
            if (r.rule() == null || r.rule().isBlank()) {
                problems.error(rPath + ".rule", "a rule is required");
            } else {
                compile(r.rule(), self).ifPresent(e -> problems.error(rPath + ".rule", "not a valid CEL rule: " + e));
                if (inArray != null && r.rule().matches("(?s).*\\boldSelf\\b.*")) {
                    problems.error(rPath + ".rule", "oldSelf cannot be used on the uncorrelatable portion of the schema"
                            + " within " + inArray + " (the items of a list)");
                }
            }
            ruleTexts(r, rPath, problems);
            if (r.messageExpression() != null && !r.messageExpression().isBlank()) {
                compile(r.messageExpression(), self).ifPresent(e -> problems.error(rPath + ".messageExpression",
                        "not a valid CEL expression: " + e));
            }
        }
        s.properties().forEach((k, v) -> check(v, dev.clusterstack.core.bind.Paths.child(path + ".properties", k), inArray,
                problems));
        check(s.items(), path + ".items", inArray != null ? inArray : path + ".items", problems);
        check(s.additionalProperties(), path + ".additionalProperties", inArray, problems);
        for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
            List<JSONSchemaProps> list = "allOf".equals(junctor) ? s.allOf() : "anyOf".equals(junctor) ? s.anyOf() : s.oneOf();
            for (int i = 0; i < list.size(); i++) {
                notUnder(list.get(i), path + "." + junctor + "[" + i + "]", problems);
            }
        }
        notUnder(s.not(), path + ".not", problems);
    }

    /** Message, messageExpression and reason of a rule, as Cluster API checks them. */
    private static void ruleTexts(JSONSchemaProps.ValidationRule r, String rPath, Problems problems) {
        String message = r.message() == null ? "" : r.message();
        if (!message.isEmpty() && message.isBlank()) {
            problems.error(rPath + ".message", "message must be non-empty if specified");
        } else if (message.length() > 2048) {
            problems.error(rPath + ".message", "message must have a maximum length of 2048 characters");
        } else if (message.strip().contains("\n")) {
            problems.error(rPath + ".message", "message must not contain line breaks");
        } else if (r.rule() != null && r.rule().strip().contains("\n") && message.isBlank()) {
            problems.error(rPath + ".message", "message must be specified if rule contains line breaks");
        }
        if (r.messageExpression() != null && !r.messageExpression().isEmpty() && r.messageExpression().isBlank()) {
            problems.error(rPath + ".messageExpression", "messageExpression must be non-empty if specified");
        }
        if (r.reason() != null && !REASONS.contains(r.reason())) {
            problems.error(rPath + ".reason", "'" + r.reason() + "' is not one of " + String.join(", ", REASONS));
        }
    }

    /** Structural schemas allow no validation rules under allOf, anyOf, oneOf or not. */
    private static void notUnder(JSONSchemaProps s, String path, Problems problems) {
        if (s == null) {
            return;
        }
        if (!s.validations().isEmpty()) {
            problems.error(path + ".x-kubernetes-validations", "is not allowed under allOf, anyOf, oneOf or not"
                    + " (Kubernetes structural schema rule)");
        }
        s.properties().forEach((k, v) -> notUnder(v, dev.clusterstack.core.bind.Paths.child(path + ".properties", k),
                problems));
        notUnder(s.items(), path + ".items", problems);
        notUnder(s.additionalProperties(), path + ".additionalProperties", problems);
    }

    /** The CEL type Kubernetes gives a value of the schema. */
    static CelType typeOf(JSONSchemaProps s) {
        if (s == null || Boolean.TRUE.equals(s.intOrString()) || s.type() == null) {
            return SimpleType.DYN;
        }
        return switch (s.type()) {
            case "string" -> "date-time".equals(s.format()) ? SimpleType.TIMESTAMP
                    : "duration".equals(s.format()) ? SimpleType.DURATION : "byte".equals(s.format()) ? SimpleType.BYTES
                    : SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            case "array" -> ListType.create(typeOf(s.items()));
            case "object" -> s.additionalProperties() != null && s.properties().isEmpty()
                    ? MapType.create(SimpleType.STRING, typeOf(s.additionalProperties()))
                    : MapType.create(SimpleType.STRING, SimpleType.DYN);
            default -> SimpleType.DYN;
        };
    }

    /** The first compile error of {@code expression} with {@code self} of the given type, or empty. */
    static java.util.Optional<String> compile(String expression, CelType self) {
        try {
            COMPILERS.computeIfAbsent(self, CelRules::compiler).compile(expression).getAst();
            return java.util.Optional.empty();
        } catch (CelValidationException e) {
            List<String> lines = new ArrayList<>();
            e.getErrors().forEach(issue -> lines.add(issue.getMessage()));
            return java.util.Optional.of(lines.isEmpty() ? String.valueOf(e.getMessage()) : String.join("; ", lines));
        } catch (RuntimeException | StackOverflowError e) {
            // what the parser cannot take at all (nesting beyond its limits, ...): still the user's input
            return java.util.Optional.of("cannot be compiled: " + (e.getMessage() != null ? e.getMessage()
                    : "the expression is too deeply nested"));
        }
    }

    private static CelCompiler compiler(CelType self) {
        List<CelFunctionDecl> functions = new ArrayList<>();
        for (Object[] f : KUBERNETES) {
            String name = (String) f[0];
            int args = (Integer) f[1];
            CelOverloadDecl overload;
            if (args < 0) {
                overload = CelOverloadDecl.newGlobalOverload("k8s_" + name + "_global", SimpleType.DYN, SimpleType.DYN);
            } else {
                List<CelType> params = new ArrayList<>();
                // indexOf and lastIndexOf of lists beside the string extension's: a list receiver tells them apart
                params.add(name.endsWith("ndexOf") ? ListType.create(SimpleType.DYN) : SimpleType.DYN);
                for (int a = 0; a < args; a++) {
                    params.add(SimpleType.DYN);
                }
                overload = CelOverloadDecl.newMemberOverload("k8s_" + name + "_" + args, SimpleType.DYN, params);
            }
            functions.add(CelFunctionDecl.newFunctionDeclaration(name, overload));
        }
        // Kubernetes' string library adds format (strings extension version 2)
        functions.add(CelFunctionDecl.newFunctionDeclaration("format", CelOverloadDecl.newMemberOverload(
                "k8s_string_format", SimpleType.STRING, SimpleType.STRING, ListType.create(SimpleType.DYN))));
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelOptionalLibrary.INSTANCE, CelExtensions.strings())
                .addVar("self", self)
                .addVar("oldSelf", self)
                .addFunctionDeclarations(merge(functions))
                .build();
    }

    /** One declaration per function name, with all its overloads. */
    private static List<CelFunctionDecl> merge(List<CelFunctionDecl> decls) {
        Map<String, List<CelOverloadDecl>> byName = new java.util.LinkedHashMap<>();
        for (CelFunctionDecl d : decls) {
            byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).addAll(d.overloads());
        }
        List<CelFunctionDecl> out = new ArrayList<>();
        byName.forEach((name, overloads) -> out.add(CelFunctionDecl.newFunctionDeclaration(name, overloads)));
        return out;
    }
}
