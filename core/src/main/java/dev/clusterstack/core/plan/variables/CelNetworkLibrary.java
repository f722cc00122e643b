package dev.clusterstack.core.plan.variables;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Kubernetes' CEL IP and CIDR libraries ({@code ip}, {@code isIP}, {@code ip.isCanonical}, {@code family},
 * {@code isUnspecified}, {@code isLoopback}, {@code isLinkLocalMulticast}, {@code isLinkLocalUnicast},
 * {@code isGlobalUnicast}, {@code cidr}, {@code isCIDR}, {@code containsIP}, {@code containsCIDR}, {@code masked},
 * {@code prefixLength}, {@code string}).
 */
final class CelNetworkLibrary {
    static final CelType IP = OpaqueType.create("net.IP");
    static final CelType CIDR = OpaqueType.create("net.CIDR");

    private CelNetworkLibrary() {
    }

    /** Declares the IP and CIDR functions. */
    static void declare(List<CelFunctionDecl> decls) {
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
    }

    /** Binds the IP and CIDR functions to {@link Ip} and {@link Cidr} values. */
    static void bind(List<CelFunctionBinding> b) {
        b.add(CelFunctionBinding.from("k8s_string_to_ip", String.class, CelNetworkLibrary::ipOrFail));
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
        b.add(CelFunctionBinding.from("k8s_string_to_cidr", String.class, CelNetworkLibrary::cidrOrFail));
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
}
