package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionerTest {

    private static final ReleaseHashes PREVIOUS = new ReleaseHashes("stack1", "addon1", "values1", "image1");
    private static final ReleaseVersions PREVIOUS_VERSIONS = versions("v7", "v4", "v2");

    private static ReleaseVersions versions(String cs, String ca, String ni) {
        return new ReleaseVersions(StackVersion.parse(cs), StackVersion.parse(ca), StackVersion.parse(ni));
    }

    private static ReleaseVersions stable(ReleaseHashes current) {
        return Versioner.stable(current, PREVIOUS_VERSIONS, PREVIOUS);
    }

    @Test
    void stableWithoutPreviousReleaseIsAllV1() {
        assertEquals(versions("v1", "v1", "v1"), Versioner.stable(PREVIOUS, Optional.empty()));
    }

    @Test
    void stableBumpsClusterStackAlwaysAndComponentsOnlyWhenTheirHashesChanged() {
        assertEquals(versions("v8", "v4", "v2"), stable(new ReleaseHashes("stack2", "addon1", "values1", "image1")),
                "only the cluster class changed");
        assertEquals(versions("v8", "v5", "v2"), stable(new ReleaseHashes("stack2", "addon2", "values1", "image1")),
                "addon folder changed");
        assertEquals(versions("v8", "v5", "v2"), stable(new ReleaseHashes("stack2", "addon1", "values2", "image1")),
                "cluster-addon-values.yaml changed");
        assertEquals(versions("v8", "v4", "v3"), stable(new ReleaseHashes("stack2", "addon1", "values1", "image2")),
                "node images changed");
        assertEquals(versions("v8", "v4", "v3"), stable(new ReleaseHashes("stack2", "addon1", "values1", "")),
                "node images removed");
        assertEquals(versions("v8", "v5", "v3"), stable(new ReleaseHashes("stack2", "a", "v", "i")));
    }

    @Test
    void stableReadsPreviousRelease() {
        PreviousRelease previous = new PreviousRelease(Path.of("openstack-scs-1-32-v7"),
                new ReleaseMetadata("v1.32.5", PREVIOUS_VERSIONS), PREVIOUS);
        assertEquals(versions("v8", "v5", "v2"), Versioner.decide(VersionMode.STABLE,
                new ReleaseHashes("stack2", "addon2", "values1", "image1"), Optional.of(previous), null));
    }

    @Test
    void stableAfterAHashReleaseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Versioner.stable(PREVIOUS, versions("v3", "v0-sha.abcdefg", "v1"), PREVIOUS));
        assertTrue(e.getMessage().contains("clusterAddon") && e.getMessage().contains("v0-sha.abcdefg"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Versioner.stable(PREVIOUS, PREVIOUS_VERSIONS, null));
    }

    @Test
    void hashModeUsesFirstSevenCharactersOfTheClusterStackHash() {
        ReleaseHashes current = new ReleaseHashes("3960147xyzabc", "addon", "", "");
        ReleaseVersions v = Versioner.decide(VersionMode.HASH, current, Optional.empty(), null);
        assertEquals(versions("v0-sha.3960147", "v0-sha.3960147", "v0-sha.3960147"), v);
        assertEquals("v0-sha-3960147", v.clusterStack().dashForm());
    }

    @Test
    void customModeValidatesAndNamesTheComponent() {
        assertEquals(versions("v3", "v2", "v0-sha.abc1234"), Versioner.custom("v3", "v2", "v0-sha.abc1234"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Versioner.custom("v3", "2", "v1"));
        assertTrue(bad.getMessage().contains("clusterAddon") && bad.getMessage().contains("'2'"), bad.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Versioner.custom("v3", "v2", ""));
        assertTrue(missing.getMessage().contains("nodeImage version is missing"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Versioner.decide(VersionMode.CUSTOM, PREVIOUS, Optional.empty(), null));
        assertEquals(PREVIOUS_VERSIONS,
                Versioner.decide(VersionMode.CUSTOM, PREVIOUS, Optional.empty(), PREVIOUS_VERSIONS));
    }
}
