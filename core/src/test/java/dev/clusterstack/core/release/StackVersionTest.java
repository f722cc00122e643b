package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StackVersionTest {

    @Test
    void stableAndHashForms() {
        StackVersion v3 = StackVersion.parse("v3");
        assertFalse(v3.isHash());
        assertEquals(3, v3.number());
        assertEquals("v3", v3.toString());
        assertEquals("v3", v3.dashForm());
        assertEquals(StackVersion.stable(4), v3.next());

        StackVersion h = StackVersion.parse("v0-sha.3960147");
        assertTrue(h.isHash());
        assertEquals(0, h.number());
        assertEquals("v0-sha.3960147", h.toString());
        assertEquals("v0-sha-3960147", h.dashForm());
        assertThrows(IllegalStateException.class, h::next);
        assertEquals(h, StackVersion.ofHash("3960147abcdef"));
    }

    @Test
    void invalidVersionsAreRejectedWithTheText() {
        for (String bad : new String[] {"", "3", "V3", "v0", "v01", "v1.0", "v1-alpha.0", "v0-sha.396014",
            "v0-sha.39601470", "v0-sha.ABCDEFG", "v1-sha.3960147", " v3", "v3 "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackVersion.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("v0-sha."), e.getMessage());
        }
        IllegalArgumentException dash = assertThrows(IllegalArgumentException.class,
                () -> StackVersion.parse("v0-sha-3960147"));
        assertTrue(dash.getMessage().contains("write v0-sha.3960147"), dash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StackVersion.parse(null));
        assertThrows(IllegalArgumentException.class, () -> StackVersion.stable(0));
        assertThrows(IllegalArgumentException.class, () -> StackVersion.ofHash("abc"));
        assertThrows(IllegalArgumentException.class, () -> StackVersion.ofHash("ABCDEFGH"));
    }

    @Property(tries = 1000)
    void stableRoundTrips(@ForAll @IntRange(min = 1, max = 999_999_999) int n) {
        StackVersion v = StackVersion.stable(n);
        assertEquals("v" + n, v.toString());
        assertEquals(v, StackVersion.parse(v.toString()));
    }

    @Property(tries = 1000)
    void hashRoundTrips(@ForAll @StringLength(7) @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
            String sha) {
        StackVersion v = StackVersion.ofHash(sha);
        assertEquals("v0-sha." + sha, v.toString());
        assertEquals("v0-sha-" + sha, v.dashForm());
        assertEquals(v, StackVersion.parse(v.toString()));
    }

    @Test
    void versionModeParsesNamesIgnoringCase() {
        assertEquals(VersionMode.STABLE, VersionMode.parse("stable"));
        assertEquals(VersionMode.HASH, VersionMode.parse("HASH"));
        assertEquals(VersionMode.CUSTOM, VersionMode.parse(" Custom "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionMode.parse("alpha"));
        assertTrue(e.getMessage().contains("'alpha'") && e.getMessage().contains("custom, hash, stable"), e.getMessage());
    }
}
