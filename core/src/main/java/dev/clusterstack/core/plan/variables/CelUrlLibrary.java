package dev.clusterstack.core.plan.variables;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' CEL URL library ({@code url}, {@code isURL}, {@code getScheme}, {@code getHost}, {@code getHostname},
 * {@code getPort}, {@code getEscapedPath}, {@code getQuery}) over Go's url.ParseRequestURI.
 */
final class CelUrlLibrary {
    static final CelType URL = OpaqueType.create("kubernetes.URL");

    private CelUrlLibrary() {
    }

    /** Declares the URL functions on the opaque {@link #URL} type, in Kubernetes' order. */
    static void declare(List<CelFunctionDecl> decls) {
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
    }

    /** Binds the URL functions to java.net.URI values. */
    static void bind(List<CelFunctionBinding> b) {
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
}
