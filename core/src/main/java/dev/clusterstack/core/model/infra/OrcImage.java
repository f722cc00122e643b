package dev.clusterstack.core.model.infra;

import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/**
 * The node image of one Kubernetes version as Cluster API OpenStack users ship it: an ORC
 * (openstack-resource-controller) {@code openstack.k-orc.cloud/v1alpha1} {@code Image} that imports
 * the image into Glance from a URL, checked against its sha256 when given.
 *
 * @param name      {@code metadata.name}, written literally (not prefixed with the release): the name the
 *                  stack's patches and machine templates select, e.g. {@code ubuntu-capi-image-v1.32.5}
 *                  ({@code image.imageRef.name}; ORC gives the Glance image the same name unless
 *                  {@code spec.resource.name} says otherwise, so {@code image.filter.name} finds it too)
 * @param placement {@link #CHART}: an object of the cluster-class chart, applied by the operator with the
 *                  ClusterClass; {@link #FILE}: {@value #FILE_NAME} in the release folder, applied by the
 *                  cluster owner (the SCS {@code scs2} stack's way)
 * @param url       {@code spec.resource.content.download.url}
 * @param sha256    {@code spec.resource.content.download.hash} with algorithm {@code sha256}, or {@code null}
 * @param spec      the rest of the Image spec as ORC spells it ({@code cloudCredentialsRef},
 *                  {@code managementPolicy}, {@code resource} without {@code content.download})
 */
public record OrcImage(String name, String placement, String url, String sha256, Map<String, Object> spec) {
    public static final String API_VERSION = "openstack.k-orc.cloud/v1alpha1";
    public static final String KIND = "Image";
    public static final String CHART = "chart";
    public static final String FILE = "file";
    public static final List<String> PLACEMENTS = List.of(CHART, FILE);
    /** The file of the {@link #FILE} placement in the release folder. */
    public static final String FILE_NAME = "image.yaml";

    public OrcImage {
        placement = placement == null ? CHART : placement;
        spec = spec == null ? Map.of() : Copies.map(spec);
    }

    public static OrcImage of(String name, String url, String sha256, Map<String, Object> spec) {
        return new OrcImage(name, CHART, url, sha256, spec);
    }

    public OrcImage withPlacement(String value) {
        return new OrcImage(name, value, url, sha256, spec);
    }
}
