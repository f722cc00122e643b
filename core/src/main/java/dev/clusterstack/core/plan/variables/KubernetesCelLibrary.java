package dev.clusterstack.core.plan.variables;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes CEL library functions (k8s.io/apiserver/pkg/cel/library) this plan evaluates, on top of CEL's
 * standard functions and the cel-java extensions (strings, sets, lists, optional): string {@code format}, the list
 * functions ({@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf}), the
 * regex functions ({@code find}, {@code findAll}), the URL functions ({@code url}, {@code isURL},
 * {@code getScheme}, {@code getHost}, {@code getHostname}, {@code getPort}, {@code getEscapedPath},
 * {@code getQuery}) and the quantity functions ({@code quantity}, {@code isQuantity}, {@code sign},
 * {@code isGreaterThan}, {@code isLessThan}, {@code compareTo}, {@code add}, {@code sub}, {@code asInteger},
 * {@code isInteger}, {@code asApproximateFloat}), and the IP and CIDR functions ({@code ip}, {@code isIP},
 * {@code ip.isCanonical}, {@code family}, {@code isUnspecified}, {@code isLoopback}, {@code isLinkLocalMulticast},
 * {@code isLinkLocalUnicast}, {@code isGlobalUnicast}, {@code cidr}, {@code isCIDR}, {@code containsIP},
 * {@code containsCIDR}, {@code masked}, {@code prefixLength}, {@code string}).
 *
 * <p>The string, list and regex functions are here; the URL, quantity and IP/CIDR libraries are
 * {@link CelUrlLibrary}, {@link CelQuantityLibrary} and {@link CelNetworkLibrary}.
 */
final class KubernetesCelLibrary {

    /**
     * Kubernetes CEL functions this plan does not evaluate: a rule that uses one is reported as not evaluated.
     */
    static final Set<String> NOT_IMPLEMENTED = Set.of(
            "semver", "isSemver", "major", "minor", "patch", "authorizer", "path", "group",
            "serviceAccount", "resource", "check", "allowed", "reason", "errored", "error", "fieldSelector",
            "labelSelector", "validate", "named", "format.dns1123Label", "strings.quote", "base64.encode",
            "base64.decode", "math.greatest", "math.least");

    private KubernetesCelLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        TypeParamType t = TypeParamType.create("T");
        ListType listT = ListType.create(t);
        List<CelFunctionDecl> decls = new ArrayList<>();
        decls.add(CelFunctionDecl.newFunctionDeclaration("format",
                CelOverloadDecl.newMemberOverload("k8s_string_format_list", SimpleType.STRING, SimpleType.STRING,
                        ListType.create(SimpleType.DYN))));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isSorted",
                CelOverloadDecl.newMemberOverload("k8s_list_is_sorted", SimpleType.BOOL, listT)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("sum",
                CelOverloadDecl.newMemberOverload("k8s_list_sum", t, listT)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("min",
                CelOverloadDecl.newMemberOverload("k8s_list_min", t, listT)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("max",
                CelOverloadDecl.newMemberOverload("k8s_list_max", t, listT)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("indexOf",
                CelOverloadDecl.newMemberOverload("k8s_list_index_of", SimpleType.INT, listT, t)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("lastIndexOf",
                CelOverloadDecl.newMemberOverload("k8s_list_last_index_of", SimpleType.INT, listT, t)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("find",
                CelOverloadDecl.newMemberOverload("k8s_string_find", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("findAll",
                CelOverloadDecl.newMemberOverload("k8s_string_find_all", ListType.create(SimpleType.STRING),
                        SimpleType.STRING, SimpleType.STRING),
                CelOverloadDecl.newMemberOverload("k8s_string_find_all_n", ListType.create(SimpleType.STRING),
                        SimpleType.STRING, SimpleType.STRING, SimpleType.INT)));
        CelUrlLibrary.declare(decls);
        CelQuantityLibrary.declare(decls);
        CelNetworkLibrary.declare(decls);
        return decls;
    }

    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> b = new ArrayList<>();
        b.add(CelFunctionBinding.from("k8s_string_format_list", String.class, List.class, KubernetesCelLibrary::format));
        b.add(CelFunctionBinding.from("k8s_list_is_sorted", List.class, l -> {
            for (int i = 1; i < l.size(); i++) {
                if (compare(l.get(i - 1), l.get(i)) > 0) {
                    return false;
                }
            }
            return true;
        }));
        b.add(CelFunctionBinding.from("k8s_list_sum", List.class, KubernetesCelLibrary::sum));
        b.add(CelFunctionBinding.from("k8s_list_min", List.class, l -> extreme(l, -1)));
        b.add(CelFunctionBinding.from("k8s_list_max", List.class, l -> extreme(l, 1)));
        b.add(CelFunctionBinding.from("k8s_list_index_of", List.class, Object.class, (l, x) -> (long) l.indexOf(x)));
        b.add(CelFunctionBinding.from("k8s_list_last_index_of", List.class, Object.class,
                (l, x) -> (long) l.lastIndexOf(x)));
        b.add(CelFunctionBinding.from("k8s_string_find", String.class, String.class, (s, re) -> {
            Matcher m = regex(re).matcher(s);
            return m.find() ? m.group() : "";
        }));
        b.add(CelFunctionBinding.from("k8s_string_find_all", String.class, String.class, (s, re) -> findAll(s, re, -1)));
        b.add(CelFunctionBinding.from("k8s_string_find_all_n", List.of(String.class, String.class, Long.class),
                args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
        CelUrlLibrary.bind(b);
        CelQuantityLibrary.bind(b);
        CelNetworkLibrary.bind(b);
        return b;
    }

    private static Pattern regex(String re) {
        try {
            return Pattern.compile(re);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid regex: " + re);
        }
    }

    private static List<String> findAll(String s, String re, long limit) {
        List<String> out = new ArrayList<>();
        Matcher m = regex(re).matcher(s);
        while ((limit < 0 || out.size() < limit) && m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable c && a.getClass() == b.getClass()) {
            return c.compareTo(b);
        }
        throw new IllegalArgumentException("no such overload: comparing " + a.getClass().getSimpleName() + " and "
                + b.getClass().getSimpleName());
    }

    private static Object sum(List<?> l) {
        if (l.isEmpty()) {
            return 0L;
        }
        if (l.get(0) instanceof Double) {
            double d = 0;
            for (Object o : l) {
                d += ((Number) o).doubleValue();
            }
            return d;
        }
        long n = 0;
        for (Object o : l) {
            n = Math.addExact(n, ((Number) o).longValue());
        }
        return n;
    }

    private static Object extreme(List<?> l, int sign) {
        if (l.isEmpty()) {
            throw new IllegalArgumentException((sign < 0 ? "min" : "max") + " called on empty list");
        }
        Object best = l.get(0);
        for (Object o : l) {
            if (compare(o, best) * sign > 0) {
                best = o;
            }
        }
        return best;
    }

    /** cel-go's strings extension {@code format}: %s, %d, %f, %e, %b, %o, %x, %X and %%. */
    static String format(String f, List<?> args) {
        StringBuilder out = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= f.length()) {
                throw new IllegalArgumentException("unexpected end of format string");
            }
            if (f.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            Integer precision = null;
            if (f.charAt(i) == '.') {
                int start = ++i;
                while (i < f.length() && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                precision = Integer.parseInt(f.substring(start, i));
            }
            if (i >= f.length()) {
                throw new IllegalArgumentException("unexpected end of format string");
            }
            if (arg >= args.size()) {
                throw new IllegalArgumentException("index " + arg + " out of range");
            }
            Object a = args.get(arg++);
            char verb = f.charAt(i);
            switch (verb) {
                case 's' -> out.append(asString(a));
                case 'd' -> {
                    if (!(a instanceof Long) && !(a instanceof com.google.common.primitives.UnsignedLong)) {
                        throw new IllegalArgumentException("error during formatting: integer clause can only be used on integers, was given " + typeName(a));
                    }
                    out.append(a);
                }
                case 'f' -> out.append(String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + "f", toDouble(a)));
                case 'e' -> out.append(String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + "e", toDouble(a)));
                case 'b' -> out.append(a instanceof Boolean ? a.toString() : Long.toBinaryString(((Number) a).longValue()));
                case 'o' -> out.append(Long.toOctalString(((Number) a).longValue()));
                case 'x', 'X' -> {
                    String h = a instanceof String s ? hex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            : Long.toHexString(((Number) a).longValue());
                    out.append(verb == 'X' ? h.toUpperCase(Locale.ROOT) : h);
                }
                default -> throw new IllegalArgumentException("could not parse formatting clause: unrecognized formatting clause \"" + verb + "\"");
            }
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02x", x & 0xff));
        }
        return b.toString();
    }

    private static double toDouble(Object a) {
        if (a instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("error during formatting: fixed-point clause can only be used on doubles, was given " + typeName(a));
    }

    private static String typeName(Object a) {
        if (a instanceof String) {
            return "string";
        }
        if (a instanceof Long) {
            return "int";
        }
        if (a instanceof Double) {
            return "double";
        }
        if (a instanceof Boolean) {
            return "bool";
        }
        return a.getClass().getSimpleName();
    }

    private static String asString(Object a) {
        if (a instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(asString(l.get(i)));
            }
            return b.append(']').toString();
        }
        if (a instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                b.append(first ? "" : ", ").append(asString(e.getKey())).append(": ").append(asString(e.getValue()));
                first = false;
            }
            return b.append('}').toString();
        }
        if (a instanceof Double d) {
            return GoText.number(d);
        }
        if (a instanceof dev.cel.common.values.NullValue) {
            return "null";
        }
        return String.valueOf(a);
    }
}