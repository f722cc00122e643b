package dev.clusterstack.core.plan.variables;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 */
final class KubernetesCelLibrary {
    static final CelType URL = OpaqueType.create("kubernetes.URL");
    static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    static final CelType IP = OpaqueType.create("net.IP");
    static final CelType CIDR = OpaqueType.create("net.CIDR");
    /** Kubernetes' quantity syntax (resource.ParseQuantity): a signed decimal, then a binary or decimal suffix or exponent. */
    private static final Pattern QUANTITY_SYNTAX = Pattern.compile(
            "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$");

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
        decls.add(CelFunctionDecl.newFunctionDeclaration("url",
                CelOverloadDecl.newGlobalOverload("k8s_string_to_url", URL, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isURL",
                CelOverloadDecl.newGlobalOverload("k8s_is_url_string", SimpleType.BOOL, SimpleType.STRING)));
        for (String getter : List.of("getScheme", "getHost", "getHostname", "getPort", "getEscapedPath")) {
            decls.add(CelFunctionDecl.newFunctionDeclaration(getter,
                    CelOverloadDecl.newMemberOverload("k8s_url_" + getter, SimpleType.STRING, URL)));
        }
        decls.add(CelFunctionDecl.newFunctionDeclaration("getQuery",
                CelOverloadDecl.newMemberOverload("k8s_url_getQuery",
                        MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING)), URL)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("quantity",
                CelOverloadDecl.newGlobalOverload("k8s_string_to_quantity", QUANTITY, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isQuantity",
                CelOverloadDecl.newGlobalOverload("k8s_is_quantity_string", SimpleType.BOOL, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("sign",
                CelOverloadDecl.newMemberOverload("k8s_quantity_sign", SimpleType.INT, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isGreaterThan",
                CelOverloadDecl.newMemberOverload("k8s_quantity_is_greater_than", SimpleType.BOOL, QUANTITY, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isLessThan",
                CelOverloadDecl.newMemberOverload("k8s_quantity_is_less_than", SimpleType.BOOL, QUANTITY, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("compareTo",
                CelOverloadDecl.newMemberOverload("k8s_quantity_compare_to", SimpleType.INT, QUANTITY, QUANTITY)));
        for (String op : List.of("add", "sub")) {
            decls.add(CelFunctionDecl.newFunctionDeclaration(op,
                    CelOverloadDecl.newMemberOverload("k8s_quantity_" + op, QUANTITY, QUANTITY, QUANTITY),
                    CelOverloadDecl.newMemberOverload("k8s_quantity_" + op + "_int", QUANTITY, QUANTITY, SimpleType.INT)));
        }
        decls.add(CelFunctionDecl.newFunctionDeclaration("asInteger",
                CelOverloadDecl.newMemberOverload("k8s_quantity_as_integer", SimpleType.INT, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isInteger",
                CelOverloadDecl.newMemberOverload("k8s_quantity_is_integer", SimpleType.BOOL, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("asApproximateFloat",
                CelOverloadDecl.newMemberOverload("k8s_quantity_as_approximate_float", SimpleType.DOUBLE, QUANTITY)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("ip",
                CelOverloadDecl.newGlobalOverload("k8s_string_to_ip", IP, SimpleType.STRING),
                CelOverloadDecl.newMemberOverload("k8s_cidr_ip", IP, CIDR)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isIP",
                CelOverloadDecl.newGlobalOverload("k8s_is_ip_string", SimpleType.BOOL, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("ip.isCanonical",
                CelOverloadDecl.newGlobalOverload("k8s_ip_is_canonical", SimpleType.BOOL, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("family",
                CelOverloadDecl.newMemberOverload("k8s_ip_family", SimpleType.INT, IP)));
        for (String f : List.of("isUnspecified", "isLoopback", "isLinkLocalMulticast", "isLinkLocalUnicast",
                "isGlobalUnicast")) {
            decls.add(CelFunctionDecl.newFunctionDeclaration(f,
                    CelOverloadDecl.newMemberOverload("k8s_ip_" + f, SimpleType.BOOL, IP)));
        }
        decls.add(CelFunctionDecl.newFunctionDeclaration("cidr",
                CelOverloadDecl.newGlobalOverload("k8s_string_to_cidr", CIDR, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("isCIDR",
                CelOverloadDecl.newGlobalOverload("k8s_is_cidr_string", SimpleType.BOOL, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("containsIP",
                CelOverloadDecl.newMemberOverload("k8s_cidr_contains_ip", SimpleType.BOOL, CIDR, IP),
                CelOverloadDecl.newMemberOverload("k8s_cidr_contains_ip_string", SimpleType.BOOL, CIDR, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("containsCIDR",
                CelOverloadDecl.newMemberOverload("k8s_cidr_contains_cidr", SimpleType.BOOL, CIDR, CIDR),
                CelOverloadDecl.newMemberOverload("k8s_cidr_contains_cidr_string", SimpleType.BOOL, CIDR, SimpleType.STRING)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("masked",
                CelOverloadDecl.newMemberOverload("k8s_cidr_masked", CIDR, CIDR)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("prefixLength",
                CelOverloadDecl.newMemberOverload("k8s_cidr_prefix_length", SimpleType.INT, CIDR)));
        decls.add(CelFunctionDecl.newFunctionDeclaration("string",
                CelOverloadDecl.newGlobalOverload("k8s_ip_to_string", SimpleType.STRING, IP),
                CelOverloadDecl.newGlobalOverload("k8s_cidr_to_string", SimpleType.STRING, CIDR)));
        return decls;
    }

    /** An IP address as Kubernetes' CEL IP library has it (no zone, no IPv4-mapped IPv6). */
    record Ip(byte[] bytes) {
        static Ip parse(String s) {
            if (Formats.isIpv4(s)) {
                return new Ip(address(s));
            }
            if (s.contains(":") && Formats.isIpv6(s) && !s.contains(".")) {
                return new Ip(address(s));
            }
            return null;
        }

        private static byte[] address(String literal) {
            try {
                // a literal checked above: no name lookup happens
                return java.net.InetAddress.getByName(literal).getAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("IP Address " + GoText.quote(literal) + " parse error");
            }
        }

        int family() {
            return bytes.length == 4 ? 4 : 6;
        }

        java.net.InetAddress inet() {
            try {
                return java.net.InetAddress.getByAddress(bytes);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            java.net.InetAddress a = inet();
            if (bytes.length == 4) {
                return a.getHostAddress();
            }
            return canonicalIpv6(bytes);
        }
    }

    /** RFC 5952 text of an IPv6 address (Go's net.IP.String): lower case, longest zero run as "::". */
    static String canonicalIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** A CIDR prefix as Kubernetes' CEL CIDR library has it: an address and a prefix length. */
    record Cidr(Ip ip, int prefix) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            if (slash < 0 || !Formats.isCidr(s)) {
                return null;
            }
            Ip ip = Ip.parse(s.substring(0, slash));
            return ip == null ? null : new Cidr(ip, Integer.parseInt(s.substring(slash + 1)));
        }

        boolean contains(Ip other) {
            if (other.bytes().length != ip.bytes().length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((ip.bytes()[bit / 8] & mask) != (other.bytes()[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        Cidr masked() {
            byte[] m = ip.bytes().clone();
            for (int bit = prefix; bit < m.length * 8; bit++) {
                m[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
            }
            return new Cidr(new Ip(m), prefix);
        }

        @Override
        public String toString() {
            return ip + "/" + prefix;
        }
    }

    private static Ip ipOrFail(String s) {
        Ip ip = Ip.parse(s);
        if (ip == null) {
            throw new IllegalArgumentException("IP Address " + GoText.quote(s) + " parse error during conversion from string");
        }
        return ip;
    }

    private static Cidr cidrOrFail(String s) {
        Cidr c = Cidr.parse(s);
        if (c == null) {
            throw new IllegalArgumentException("network address parse error during conversion from string: " + s);
        }
        return c;
    }

    /** A Kubernetes quantity (resource.Quantity) as CEL sees it: its exact value; equal when the values are. */
    static final class Quantity {
        final BigDecimal value;

        Quantity(BigDecimal value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Quantity q && q.value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }

        boolean isInteger() {
            return value.stripTrailingZeros().scale() <= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
        }
    }

    static Quantity parseQuantity(String s) {
        Matcher m = QUANTITY_SYNTAX.matcher(s);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1).endsWith(".")
                ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal factor = switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "Ki" -> BigDecimal.valueOf(2).pow(10);
            case "Mi" -> BigDecimal.valueOf(2).pow(20);
            case "Gi" -> BigDecimal.valueOf(2).pow(30);
            case "Ti" -> BigDecimal.valueOf(2).pow(40);
            case "Pi" -> BigDecimal.valueOf(2).pow(50);
            case "Ei" -> BigDecimal.valueOf(2).pow(60);
            case "n" -> BigDecimal.ONE.scaleByPowerOfTen(-9);
            case "u" -> BigDecimal.ONE.scaleByPowerOfTen(-6);
            case "m" -> BigDecimal.ONE.scaleByPowerOfTen(-3);
            case "k" -> BigDecimal.ONE.scaleByPowerOfTen(3);
            case "M" -> BigDecimal.ONE.scaleByPowerOfTen(6);
            case "G" -> BigDecimal.ONE.scaleByPowerOfTen(9);
            case "T" -> BigDecimal.ONE.scaleByPowerOfTen(12);
            case "P" -> BigDecimal.ONE.scaleByPowerOfTen(15);
            case "E" -> BigDecimal.ONE.scaleByPowerOfTen(18);
            default -> BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        };
        return new Quantity(number.multiply(factor));
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
        b.add(CelFunctionBinding.from("k8s_string_to_url", String.class, s -> {
            URI u = parseUrl(s);
            if (u == null) {
                throw new IllegalArgumentException("URL parse error during conversion from string: " + s);
            }
            return u;
        }));
        b.add(CelFunctionBinding.from("k8s_is_url_string", String.class, s -> parseUrl(s) != null));
        b.add(CelFunctionBinding.from("k8s_url_getScheme", URI.class, u -> u.getScheme() == null ? "" : u.getScheme()));
        b.add(CelFunctionBinding.from("k8s_url_getHost", URI.class, u -> u.getRawAuthority() == null ? ""
                : u.getRawAuthority().substring(u.getRawAuthority().indexOf('@') + 1)));
        b.add(CelFunctionBinding.from("k8s_url_getHostname", URI.class, u -> {
            String h = u.getHost() == null ? "" : u.getHost();
            return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        }));
        b.add(CelFunctionBinding.from("k8s_url_getPort", URI.class, u -> u.getPort() < 0 ? "" : Integer.toString(u.getPort())));
        b.add(CelFunctionBinding.from("k8s_url_getEscapedPath", URI.class, u -> u.getRawPath() == null ? "" : u.getRawPath()));
        b.add(CelFunctionBinding.from("k8s_url_getQuery", URI.class, u -> {
            Map<String, List<String>> q = new LinkedHashMap<>();
            if (u.getRawQuery() != null) {
                for (String part : u.getRawQuery().split("[&]")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    int eq = part.indexOf('=');
                    String k = decode(eq < 0 ? part : part.substring(0, eq));
                    String v = eq < 0 ? "" : decode(part.substring(eq + 1));
                    q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }
            return q;
        }));
        b.add(CelFunctionBinding.from("k8s_string_to_quantity", String.class, s -> {
            Quantity q = parseQuantity(s);
            if (q == null) {
                throw new IllegalArgumentException("quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            return q;
        }));
        b.add(CelFunctionBinding.from("k8s_is_quantity_string", String.class, s -> parseQuantity(s) != null));
        b.add(CelFunctionBinding.from("k8s_quantity_sign", Quantity.class, q -> (long) q.value.signum()));
        b.add(CelFunctionBinding.from("k8s_quantity_is_greater_than", Quantity.class, Quantity.class,
                (x, y) -> x.value.compareTo(y.value) > 0));
        b.add(CelFunctionBinding.from("k8s_quantity_is_less_than", Quantity.class, Quantity.class,
                (x, y) -> x.value.compareTo(y.value) < 0));
        b.add(CelFunctionBinding.from("k8s_quantity_compare_to", Quantity.class, Quantity.class,
                (x, y) -> (long) Integer.signum(x.value.compareTo(y.value))));
        b.add(CelFunctionBinding.from("k8s_quantity_add", Quantity.class, Quantity.class,
                (x, y) -> new Quantity(x.value.add(y.value))));
        b.add(CelFunctionBinding.from("k8s_quantity_add_int", Quantity.class, Long.class,
                (x, y) -> new Quantity(x.value.add(BigDecimal.valueOf(y)))));
        b.add(CelFunctionBinding.from("k8s_quantity_sub", Quantity.class, Quantity.class,
                (x, y) -> new Quantity(x.value.subtract(y.value))));
        b.add(CelFunctionBinding.from("k8s_quantity_sub_int", Quantity.class, Long.class,
                (x, y) -> new Quantity(x.value.subtract(BigDecimal.valueOf(y)))));
        b.add(CelFunctionBinding.from("k8s_quantity_as_integer", Quantity.class, q -> {
            if (!q.isInteger()) {
                throw new IllegalArgumentException("cannot convert value to integer");
            }
            return q.value.longValueExact();
        }));
        b.add(CelFunctionBinding.from("k8s_quantity_is_integer", Quantity.class, Quantity::isInteger));
        b.add(CelFunctionBinding.from("k8s_quantity_as_approximate_float", Quantity.class, q -> q.value.doubleValue()));
        b.add(CelFunctionBinding.from("k8s_string_to_ip", String.class, KubernetesCelLibrary::ipOrFail));
        b.add(CelFunctionBinding.from("k8s_cidr_ip", Cidr.class, Cidr::ip));
        b.add(CelFunctionBinding.from("k8s_is_ip_string", String.class, s -> Ip.parse(s) != null));
        b.add(CelFunctionBinding.from("k8s_ip_is_canonical", String.class, s -> ipOrFail(s).toString().equals(s)));
        b.add(CelFunctionBinding.from("k8s_ip_family", Ip.class, ip -> (long) ip.family()));
        b.add(CelFunctionBinding.from("k8s_ip_isUnspecified", Ip.class, ip -> ip.inet().isAnyLocalAddress()));
        b.add(CelFunctionBinding.from("k8s_ip_isLoopback", Ip.class, ip -> ip.inet().isLoopbackAddress()));
        b.add(CelFunctionBinding.from("k8s_ip_isLinkLocalMulticast", Ip.class, ip -> ip.inet().isMCLinkLocal()));
        b.add(CelFunctionBinding.from("k8s_ip_isLinkLocalUnicast", Ip.class, ip -> ip.inet().isLinkLocalAddress()));
        b.add(CelFunctionBinding.from("k8s_ip_isGlobalUnicast", Ip.class, ip -> {
            java.net.InetAddress a = ip.inet();
            boolean broadcast = ip.family() == 4 && java.util.Arrays.equals(ip.bytes(), new byte[] {-1, -1, -1, -1});
            return !(a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isMulticastAddress()
                    || a.isLinkLocalAddress() || broadcast);
        }));
        b.add(CelFunctionBinding.from("k8s_string_to_cidr", String.class, KubernetesCelLibrary::cidrOrFail));
        b.add(CelFunctionBinding.from("k8s_is_cidr_string", String.class, s -> Cidr.parse(s) != null));
        b.add(CelFunctionBinding.from("k8s_cidr_contains_ip", Cidr.class, Ip.class, Cidr::contains));
        b.add(CelFunctionBinding.from("k8s_cidr_contains_ip_string", Cidr.class, String.class,
                (c, s) -> c.contains(ipOrFail(s))));
        b.add(CelFunctionBinding.from("k8s_cidr_contains_cidr", Cidr.class, Cidr.class,
                (c, o) -> o.prefix() >= c.prefix() && c.contains(o.ip())));
        b.add(CelFunctionBinding.from("k8s_cidr_contains_cidr_string", Cidr.class, String.class, (c, s) -> {
            Cidr o = cidrOrFail(s);
            return o.prefix() >= c.prefix() && c.contains(o.ip());
        }));
        b.add(CelFunctionBinding.from("k8s_cidr_masked", Cidr.class, Cidr::masked));
        b.add(CelFunctionBinding.from("k8s_cidr_prefix_length", Cidr.class, c -> (long) c.prefix()));
        b.add(CelFunctionBinding.from("k8s_ip_to_string", Ip.class, Ip::toString));
        b.add(CelFunctionBinding.from("k8s_cidr_to_string", Cidr.class, Cidr::toString));
        return b;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Go's url.ParseRequestURI: an absolute URI or an absolute path. */
    private static URI parseUrl(String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ')) {
            return null;
        }
        try {
            URI u = new URI(s);
            if (u.getScheme() == null && !s.startsWith("/")) {
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            return null;
        }
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
