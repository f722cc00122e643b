package dev.clusterstack.core.plan.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code x-kubernetes-validations} rules of one variable schema, compiled once with cel-java (each rule and each
 * {@code messageExpression}) and evaluated as the Kubernetes CEL validator does: {@code self} is the value at the
 * schema node, typed from the schema (objects with properties as objects with those fields, maps, lists, scalars;
 * int-or-string as dyn; property names escaped as Kubernetes escapes them); rules apply to present, non-null values,
 * recursing into properties, additional properties and items. Transition rules (using {@code oldSelf}) are skipped:
 * Cluster API validates a new value without an old one here. The schema's CEL types and values are {@link CelTypes}.
 */
final class CelRules {
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .populateMacroCalls(true)
            .build();
    private static final Pattern UNDECLARED = Pattern.compile(
            "(?:undeclared reference to|found no matching overload for) '([^']+)'");

    private final Map<Schema, List<Compiled>> rulesByNode = new IdentityHashMap<>();

    /** A compiled rule: its program (null when it did not compile) and how to report it. */
    private record Compiled(Schema.Rule rule, CelRuntime.Program program, CelRuntime.Program messageProgram,
                            String compileError, String notEvaluated, boolean usesOldSelf, String approximation) {
    }

    CelRules(Schema root) {
        compileTree(root);
    }

    private void compileTree(Schema s) {
        if (!s.rules.isEmpty()) {
            rulesByNode.put(s, compile(s));
        }
        s.properties.values().forEach(this::compileTree);
        if (s.additionalProperties != null) {
            compileTree(s.additionalProperties);
        }
        if (s.items != null) {
            compileTree(s.items);
        }
    }

    private static List<Compiled> compile(Schema s) {
        Map<String, CelType> structs = new LinkedHashMap<>();
        Set<String> formats = new java.util.TreeSet<>();
        CelType selfType = CelTypes.declType(s, "object", structs, formats);
        if (selfType == null) {
            selfType = SimpleType.DYN;
        }
        ImmutableList<CelType> types = ImmutableList.copyOf(structs.values());
        CelTypeProvider provider = new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return types;
            }

            @Override
            public Optional<CelType> findType(String name) {
                return Optional.ofNullable(structs.get(name));
            }
        };
        Cel cel = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(provider)
                .addVar("self", selfType)
                .addVar("oldSelf", selfType)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.optional(), CelExtensions.sets(OPTIONS),
                        CelExtensions.lists())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.optional(), CelExtensions.sets(OPTIONS),
                        CelExtensions.lists())
                .addFunctionDeclarations(KubernetesCelLibrary.declarations())
                .addFunctionBindings(KubernetesCelLibrary.bindings())
                .build();
        List<Compiled> out = new ArrayList<>();
        for (Schema.Rule rule : s.rules) {
            out.add(compileRule(cel, rule, approximated(formats)));
        }
        return out;
    }

    private static Compiled compileRule(Cel cel, Schema.Rule rule, String approximation) {
        if (rule.rule().trim().isEmpty()) {
            return new Compiled(rule, null, null, null, null, false, null);
        }
        CelValidationResult result = cel.compile(rule.rule());
        if (result.hasError()) {
            String errors = result.getErrorString();
            String missing = unimplemented(errors);
            if (missing == null) {
                missing = approximation;
            }
            if (missing != null) {
                return new Compiled(rule, null, null, null, missing, false, null);
            }
            return new Compiled(rule, null, null, "compilation failed: " + errors, null, false, null);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (!ast.getResultType().equals(SimpleType.BOOL)) {
                return new Compiled(rule, null, null, "cel expression must evaluate to a bool", null, false, null);
            }
            boolean usesOldSelf = false;
            for (CelReference r : ast.getReferenceMap().values()) {
                usesOldSelf |= "oldSelf".equals(r.name());
            }
            CelRuntime.Program program = cel.createProgram(ast);
            CelRuntime.Program messageProgram = null;
            if (!rule.messageExpression().trim().isEmpty()) {
                CelValidationResult m = cel.compile(rule.messageExpression());
                if (m.hasError()) {
                    String missing = unimplemented(m.getErrorString());
                    if (missing == null) {
                        missing = approximation;
                    }
                    if (missing != null) {
                        return new Compiled(rule, null, null, null, missing, false, null);
                    }
                    return new Compiled(rule, null, null, "messageExpression compilation failed: " + m.getErrorString(),
                            null, false, null);
                }
                for (CelReference r : m.getAst().getReferenceMap().values()) {
                    usesOldSelf |= "oldSelf".equals(r.name());
                }
                messageProgram = cel.createProgram(m.getAst());
            }
            return new Compiled(rule, program, messageProgram, null, null, usesOldSelf, approximation);
        } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
            return new Compiled(rule, null, null, "compilation failed: " + e.getMessage(), null, false, null);
        }
    }

    private static String unimplemented(String errors) {
        Matcher m = UNDECLARED.matcher(errors);
        while (m.find()) {
            if (KubernetesCelLibrary.NOT_IMPLEMENTED.contains(m.group(1))) {
                return "it uses the Kubernetes CEL function '" + m.group(1) + "', which this plan does not implement";
            }
        }
        return null;
    }

    /** Why a rule that did not compile or evaluate may be this plan's limit: a string format Kubernetes types otherwise. */
    private static String approximated(Set<String> formats) {
        return formats.isEmpty() ? null : "it sees a string of format " + String.join("/", formats)
                + ", which Kubernetes gives CEL as a timestamp, duration or bytes and this plan as a string";
    }

    /**
     * Evaluates the rules on {@code value} (the variable value); findings are at {@code fieldPath} (the
     * {@code ...value} path) and below, with {@code raw} as bad value.
     */
    void validate(Schema root, JsonNode value, String fieldPath, String raw, List<VariableFinding> out) {
        walk(root, value, fieldPath, raw, false, out);
    }

    /**
     * Evaluates the rules of {@code node} and below on a default, example or enum value, as the API server validates
     * those: {@code oldSelf} is the value itself, and the bad value shown is the value.
     */
    void validateSchemaValue(Schema node, JsonNode value, String fieldPath, List<VariableFinding> out) {
        walk(node, value, fieldPath, null, true, out);
    }

    /** Problems of the compiled rules of one schema node: index of the rule and its problem, in rule order. */
    List<String[]> compileProblems(Schema node) {
        List<String[]> out = new ArrayList<>();
        List<Compiled> compiled = rulesByNode.get(node);
        if (compiled == null) {
            return out;
        }
        for (int i = 0; i < compiled.size(); i++) {
            Compiled c = compiled.get(i);
            if (c.compileError != null) {
                out.add(new String[] {Integer.toString(i), c.compileError.startsWith("messageExpression ")
                        ? "messageExpression" : "rule", c.compileError.replaceFirst("^messageExpression ", "")});
            } else if (c.usesOldSelf) {
                out.add(new String[] {Integer.toString(i), "oldSelf", ""});
            }
        }
        return out;
    }

    private void walk(Schema s, JsonNode v, String path, String raw, boolean oldSelfIsSelf, List<VariableFinding> out) {
        if (JsonValues.isNull(v)) {
            return;
        }
        List<Compiled> compiled = rulesByNode.get(s);
        if (compiled != null) {
            Object self = CelTypes.toCel(s, v);
            String shown = raw != null ? GoText.quote(raw) : OpenApiValidator.goValue(v);
            for (Compiled c : compiled) {
                evaluate(c, self, path, shown, oldSelfIsSelf, out);
            }
        }
        if (v.isArray() && s.items != null) {
            for (int i = 0; i < v.size(); i++) {
                walk(s.items, v.get(i), path + "[" + i + "]", raw, oldSelfIsSelf, out);
            }
        } else if (v.isObject()) {
            if (s.additionalProperties != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    walk(s.additionalProperties, e.getValue(), path + "[" + e.getKey() + "]", raw, oldSelfIsSelf, out);
                }
            }
            for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
                JsonNode child = v.get(p.getKey());
                if (child != null) {
                    walk(p.getValue(), child, path + "." + p.getKey(), raw, oldSelfIsSelf, out);
                }
            }
        }
    }

    private static void evaluate(Compiled c, Object self, String path, String shown, boolean oldSelfIsSelf,
                                 List<VariableFinding> out) {
        Schema.Rule rule = c.rule;
        if (c.notEvaluated != null) {
            out.add(new VariableFinding(Severity.NOT_EVALUATED, path, "rule not evaluated: " + c.notEvaluated
                    + " (a limit of this project, not of Cluster API): " + rule.rule().trim()));
            return;
        }
        if (c.compileError != null) {
            out.add(FieldError.verbatim(FieldError.Type.INVALID, path, shown, "rule compile error: " + c.compileError)
                    .toFinding());
            return;
        }
        if (c.program == null || (c.usesOldSelf && !oldSelfIsSelf)) {
            return;
        }
        Map<String, Object> activation = oldSelfIsSelf ? Map.of("self", self, "oldSelf", self) : Map.of("self", self);
        Object result;
        try {
            result = c.program.eval(activation);
        } catch (Exception e) {
            if (c.approximation != null) {
                out.add(new VariableFinding(Severity.NOT_EVALUATED, path, "rule not evaluated: " + c.approximation
                        + " (a limit of this project, not of Cluster API): " + rule.rule().trim()));
                return;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            String detail = message.contains("no matching overload") || message.startsWith("no such overload")
                    ? "'" + message + "': call arguments did not match a supported operator, function or macro"
                    + " signature for rule: " + ruleErrorString(rule)
                    : message + " evaluating rule: " + ruleErrorString(rule);
            out.add(FieldError.verbatim(FieldError.Type.INVALID, path, shown, detail).toFinding());
            return;
        }
        if (Boolean.TRUE.equals(result)) {
            return;
        }
        String message = null;
        if (c.messageProgram != null) {
            try {
                Object m = c.messageProgram.eval(activation);
                if (m instanceof String text && !text.trim().isEmpty() && !text.contains("\n")) {
                    message = text;
                }
            } catch (Exception e) {
                message = null;
            }
        }
        if (message == null) {
            message = rule.message().isEmpty() ? "failed rule: " + ruleErrorString(rule) : rule.message().trim();
        }
        String errorPath = path;
        String fp = rule.fieldPath().trim();
        if (!fp.isEmpty()) {
            errorPath = path + (fp.startsWith(".") || fp.startsWith("[") ? fp : "." + fp);
        }
        FieldError error;
        String reason = rule.reason() == null ? "" : rule.reason();
        switch (reason) {
            case "FieldValueForbidden" -> error = new FieldError(FieldError.Type.FORBIDDEN, errorPath, null, message);
            case "FieldValueRequired" -> error = new FieldError(FieldError.Type.REQUIRED, errorPath, null, message);
            case "FieldValueDuplicate" -> error = FieldError.verbatim(FieldError.Type.DUPLICATE, errorPath, shown, "");
            default -> error = FieldError.verbatim(FieldError.Type.INVALID, errorPath, shown, message);
        }
        out.add(error.toFinding());
    }

    private static String ruleErrorString(Schema.Rule rule) {
        return rule.message().isEmpty() ? rule.rule().trim() : rule.message().trim();
    }
}
