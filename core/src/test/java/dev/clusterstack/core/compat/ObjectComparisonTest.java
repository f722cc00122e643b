package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.compat.PreviewReport.Change;
import dev.clusterstack.core.compat.PreviewReport.ObjectChange;
import dev.clusterstack.core.compat.PreviewReport.PathChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The rollout rules per desired object on hand-written objects (the release tests cover them on planned ones): which
 * field changes Cluster API applies in place and which replace machines, and what it leaves to the provider.
 */
class ObjectComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    static ObjectChange compare(String role, String older, String newer) throws Exception {
        return ObjectComparison.compare(role, older == null ? null : json(older), newer == null ? null : json(newer), "v1", "v2");
    }

    @Test
    void kubeadmControlPlaneReplicasAndMachineTemplateMetadataAreInPlaceItsKubeadmConfigRollsOut() throws Exception {
        String kcp = "{'kind':'KubeadmControlPlane','metadata':{'name':'c'},'spec':{'replicas':%s,"
                + "'machineTemplate':{'metadata':{'labels':{'a':'%s'}},'nodeDrainTimeout':'%s'},"
                + "'kubeadmConfigSpec':{'files':[{'path':'/x','content':'%s'}]},'rolloutBefore':%s}}";
        ObjectChange inPlace = compare("control-plane", kcp.formatted(1, "x", "1m", "c", "{}"), kcp.formatted(3, "y", "2m", "c", "{}"));
        assertEquals(Change.IN_PLACE, inPlace.change());
        assertNull(inPlace.rollsOut());
        assertEquals(List.of(new PathChange("/spec/replicas", "1", "3"),
                new PathChange("/spec/machineTemplate/metadata/labels/a", "\"x\"", "\"y\""),
                new PathChange("/spec/machineTemplate/nodeDrainTimeout", "\"1m\"", "\"2m\"")), inPlace.paths());
        assertEquals("KubeadmControlPlane spec changed, patched in place: /spec/replicas,"
                + " /spec/machineTemplate/metadata/labels/a, /spec/machineTemplate/nodeDrainTimeout", inPlace.reason());

        ObjectChange rollout = compare("control-plane", kcp.formatted(1, "x", "1m", "c", "{}"), kcp.formatted(1, "x", "1m", "d", "{}"));
        assertEquals(Change.ROLLOUT, rollout.change());
        assertEquals("control plane machines", rollout.rollsOut());
        assertEquals("KubeadmControlPlane spec changed: /spec/kubeadmConfigSpec/files/0/content", rollout.reason());

        ObjectChange unknown = compare("control-plane", kcp.formatted(1, "x", "1m", "c", "{}"),
                kcp.formatted(1, "x", "1m", "c", "{'certificatesExpiryDays':21}"));
        assertEquals(Change.UNDETERMINED, unknown.change());
        assertEquals("KubeadmControlPlane changes (in place or rollout: see KubeadmControlPlane's rollout rules,"
                + " controlplane/kubeadm/internal/filters.go in Cluster API): /spec/rolloutBefore/certificatesExpiryDays",
                unknown.reason());
    }

    @Test
    void anotherControlPlaneProviderRollsOutOnItsVersionAndIsUndeterminedOtherwise() throws Exception {
        String cp = "{'kind':'K0smotronControlPlane','metadata':{'name':'c'},'spec':{'version':'%s','k0sConfig':{'x':%d}}}";
        assertEquals(Change.ROLLOUT, compare("control-plane", cp.formatted("v1.32.5", 1), cp.formatted("v1.33.1", 1)).change());
        ObjectChange other = compare("control-plane", cp.formatted("v1.32.5", 1), cp.formatted("v1.32.5", 2));
        assertEquals(Change.UNDETERMINED, other.change());
        assertEquals("K0smotronControlPlane changes (in place or rollout: see the control plane provider's rollout rules):"
                + " /spec/k0sConfig/x", other.reason());
    }

    @Test
    void machineDeploymentRollsOutOnItsMachineTemplateOnly() throws Exception {
        String md = "{'kind':'MachineDeployment','metadata':{'name':'m','labels':{'l':'%s'}},'spec':{'replicas':%d,"
                + "'template':{'metadata':{'labels':{'l':'%s'}},'spec':{'version':'%s','failureDomain':'%s',"
                + "'deletion':{'nodeDrainTimeoutSeconds':%d}}}}}";
        ObjectChange inPlace = compare("md-md-0-machine-deployment", md.formatted("a", 1, "a", "v1", "fd1", 10),
                md.formatted("b", 2, "b", "v1", "fd1", 20));
        assertEquals(Change.IN_PLACE, inPlace.change());
        assertEquals(List.of("/metadata/labels/l", "/spec/replicas", "/spec/template/metadata/labels/l",
                "/spec/template/spec/deletion/nodeDrainTimeoutSeconds"), inPlace.paths().stream().map(PathChange::path).toList());
        ObjectChange failureDomain = compare("md-md-0-machine-deployment", md.formatted("a", 1, "a", "v1", "fd1", 10),
                md.formatted("a", 1, "a", "v1", "fd2", 10));
        assertEquals(Change.ROLLOUT, failureDomain.change());
        assertEquals("machines of machine deployment md-0", failureDomain.rollsOut());
        assertEquals("MachineDeployment spec changed: /spec/template/spec/failureDomain", failureDomain.reason());
    }

    @Test
    void infrastructureClusterIsPatchedInPlaceAndTemplatesRotate() throws Exception {
        String infra = "{'kind':'OpenStackCluster','metadata':{'name':'c'},'spec':{'apiServerLoadBalancer':{'enabled':%s}}}";
        ObjectChange patched = compare("infrastructure-cluster", infra.formatted(true), infra.formatted(false));
        assertEquals(Change.IN_PLACE, patched.change());
        assertNull(patched.rollsOut());

        String template = "{'kind':'OpenStackMachineTemplate','metadata':{'name':'t','annotations':{'a':'%s'}},"
                + "'spec':{'template':{'spec':{'flavor':'%s'}}}}";
        ObjectChange meta = compare("control-plane-machine-template", template.formatted("1", "f"), template.formatted("2", "f"));
        assertEquals(Change.METADATA_ONLY, meta.change());
        assertEquals("OpenStackMachineTemplate labels or annotations changed, patched in place: /metadata/annotations/a",
                meta.reason());
        ObjectChange rotated = compare("md-big-pool-infrastructure-template", template.formatted("1", "f"), template.formatted("1", "g"));
        assertEquals(Change.ROLLOUT, rotated.change());
        assertEquals("machines of machine deployment big-pool", rotated.rollsOut());
        assertEquals("OpenStackMachineTemplate spec changed (template rotation): /spec/template/spec/flavor", rotated.reason());

        assertEquals(Change.ADDED, compare("control-plane-machine-template", null, template.formatted("1", "f")).change());
        assertEquals(Change.REMOVED, compare("control-plane-machine-template", template.formatted("1", "f"), null).change());
        assertEquals("OpenStackMachineTemplate only under v1",
                compare("control-plane-machine-template", template.formatted("1", "f"), null).reason());
    }

    @Test
    void pathsEscapeSlashesAndListAddedAndRemovedArrayItems() throws Exception {
        ObjectChange c = compare("md-a-bootstrap-template",
                "{'kind':'KubeadmConfigTemplate','metadata':{'labels':{'x/y~z':'1'}},'spec':{'files':['a','b']}}",
                "{'kind':'KubeadmConfigTemplate','metadata':{'labels':{}},'spec':{'files':['a'],'mounts':[]}}");
        assertEquals(List.of(new PathChange("/metadata/labels/x~1y~0z", "\"1\"", null), new PathChange("/spec/files/1", "\"b\"", null),
                new PathChange("/spec/mounts", null, "[]")), c.paths());
        assertEquals("KubeadmConfigTemplate spec changed (template rotation): /spec/files/1, /spec/mounts", c.reason());
    }

    @Test
    void multiLineTextChangesAreShownAsALineDiff() {
        StringBuilder b = new StringBuilder();
        PreviewText.lineDiff(b, "one\ntwo\nthree\n", "one\n2\nthree\n");
        assertEquals("    @@ line 2 @@\n    -two\n    +2\n", b.toString());
    }
}
