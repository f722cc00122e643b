package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Given;
import dev.clusterstack.core.bind.NameValue;
import dev.clusterstack.core.bind.StableOrder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command line argument of a kubeadm component or the kubelet ({@code extraArgs}, {@code kubeletExtraArgs}):
 * a flag name without dashes and its value. The model keeps arguments as an ordered list, in the author's order;
 * Cluster API v1beta1 writes them as a map, v1beta2 as a {@code [{name, value}]} list. A definition may write
 * either form. {@code value} may be {@code null} only as given in a definition (v1beta2 refuses it).
 */
@NameValue
public record Arg(String name, String value) {
    public Arg {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an argument needs a name");
        }
    }

    public static Arg of(String name, String value) {
        return new Arg(name, value);
    }

    /**
     * The arguments of a map, in the map's order (a map without an order of its own, such as {@code Map.of}, by
     * name); {@code null} stays absent and a given empty map ({@link Given}) stays given empty.
     */
    public static List<Arg> list(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Given.isAbsent(map) ? List.of() : Given.emptyList();
        }
        List<Arg> out = new ArrayList<>();
        StableOrder.entries(map).forEach(e -> out.add(new Arg(e.getKey(), e.getValue())));
        return Collections.unmodifiableList(out);
    }

    /** The arguments as a map of names to values, in their order (as Cluster API v1beta1 writes them). */
    public static Map<String, String> map(List<Arg> args) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args != null) {
            args.forEach(a -> out.put(a.name(), a.value()));
        }
        return out;
    }

    /**
     * {@code base} with {@code over} applied: an argument of {@code over} whose name {@code base} has replaces that
     * one's value in place, the others are appended in their order.
     */
    public static List<Arg> merged(List<Arg> base, List<Arg> over) {
        Map<String, String> m = map(base);
        over.forEach(a -> m.put(a.name(), a.value()));
        List<Arg> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new Arg(k, v)));
        return Collections.unmodifiableList(out);
    }

    /** The names that occur more than once, each once, in order of their second occurrence. */
    public static Set<String> repeatedNames(List<Arg> args) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (Arg a : args == null ? List.<Arg>of() : args) {
            if (a != null && !seen.add(a.name())) {
                repeated.add(a.name());
            }
        }
        return repeated;
    }
}
