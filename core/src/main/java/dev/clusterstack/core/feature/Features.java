package dev.clusterstack.core.feature;

import dev.clusterstack.core.bind.Binder;
import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.bind.StableOrder;
import dev.clusterstack.core.bind.Suggest;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one list of features a stack definition can switch on, by id, with the record each binds its
 * configuration to.
 */
public final class Features {
    /** One entry of the registry: the configuration record and how a configuration becomes a feature. */
    public record Entry<C>(Class<C> config, Function<C, Feature> factory) {
    }

    private static final Map<String, Entry<?>> REGISTRY = new LinkedHashMap<>();

    static {
        // features register here, in the order they are applied
        register(EtcdMaintenance.ID, EtcdMaintenance.Config.class, EtcdMaintenance::new);
        register(ApiServerLimits.ID, ApiServerLimits.Config.class, ApiServerLimits::new);
        register(HttpProxy.ID, HttpProxy.Config.class, HttpProxy::new);
        register(RegistryMirrors.ID, RegistryMirrors.Config.class, RegistryMirrors::new);
        register(Oidc.ID, Oidc.Config.class, Oidc::new);
        register(CertSans.ID, CertSans.Config.class, CertSans::new);
        register(OvnLoadBalancer.ID, OvnLoadBalancer.Config.class, OvnLoadBalancer::new);
        register(RestrictApiAccess.ID, RestrictApiAccess.Config.class, RestrictApiAccess::new);
    }

    private Features() {
    }

    private static <C> void register(String id, Class<C> config, Function<C, Feature> factory) {
        REGISTRY.put(id, new Entry<>(config, factory));
    }

    /** The configuration record of a feature, or {@code null} for an unknown id. */
    public static Class<?> configType(String id) {
        Entry<?> e = REGISTRY.get(id);
        return e == null ? null : e.config();
    }

    /** The ids of all known features, in the order they are applied. */
    public static List<String> ids() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * Applies the features a definition switches on ({@code id -> configuration}); an entry with
     * {@code enabled: false} is skipped. Throws {@link StackException} with every configuration problem.
     */
    public static StackContent apply(StackContent content, Map<String, Map<String, Object>> configured,
                                     Map<String, Object> values) {
        List<Problem> problems = new ArrayList<>();
        List<Feature> features = new ArrayList<>();
        for (String id : StableOrder.ordered(configured).keySet()) {
            if (!REGISTRY.containsKey(id)) {
                String hint = Suggest.closest(id, REGISTRY.keySet());
                problems.add(Problem.error(Paths.child("features", id), "unknown feature '" + id + "'"
                        + (hint != null ? ", did you mean '" + hint + "'?" : "; known features: " + String.join(", ", REGISTRY.keySet()))));
            }
        }
        for (Map.Entry<String, Entry<?>> e : REGISTRY.entrySet()) {
            if (!configured.containsKey(e.getKey())) {
                continue;
            }
            Map<String, Object> config = new LinkedHashMap<>(configured.get(e.getKey()) == null ? Map.of() : configured.get(e.getKey()));
            Object enabled = config.remove("enabled");
            if (Boolean.FALSE.equals(enabled)) {
                continue;
            }
            Feature f = create(e.getValue(), config, Paths.child("features", e.getKey()), problems);
            if (f != null) {
                features.add(f);
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException(problems);
        }
        StackContent out = content;
        for (Feature f : features) {
            try {
                out = f.apply(out);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error(Paths.child("features", f.id()), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException(problems);
        }
        return out;
    }

    private static <C> Feature create(Entry<C> entry, Map<String, Object> config, String path, List<Problem> problems) {
        Binder binder = new Binder();
        C bound = binder.bind(Node.fromPlain(config), entry.config(), path);
        problems.addAll(binder.problems());
        if (bound == null || !binder.problems().isEmpty()) {
            return null;
        }
        try {
            return entry.factory().apply(bound);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(Problem.error(path, e.getMessage()));
            return null;
        }
    }
}
