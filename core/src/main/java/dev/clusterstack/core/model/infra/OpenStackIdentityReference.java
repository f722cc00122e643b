package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.Map;

/** {@code identityRef}: the Secret with {@code clouds.yaml} and the cloud name in it. */
public record OpenStackIdentityReference(String name, String cloudName, String region, @Extra Map<String, Object> extra) {
    public OpenStackIdentityReference {
        extra = Copies.map(extra);
    }

    public static OpenStackIdentityReference of(String secretName, String cloudName) {
        return new OpenStackIdentityReference(secretName, cloudName, null, Map.of());
    }
}
