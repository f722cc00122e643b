package dev.clusterstack.core.capi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Go's duration syntax and Cluster API's seconds conversion, expected values written by hand. */
class GoDurationTest {
    @Test
    void parsesGoDurations() {
        assertEquals(300, GoDuration.toSeconds("5m"));
        assertEquals(90, GoDuration.toSeconds("1m30s"));
        assertEquals(5400, GoDuration.toSeconds("1.5h"));
        assertEquals(0, GoDuration.toSeconds("300ms"), "truncated toward zero, as math.Trunc in ConvertToSeconds");
        assertEquals(1, GoDuration.toSeconds("1500ms"));
        assertEquals(0, GoDuration.toSeconds("0"));
        assertEquals(3723, GoDuration.toSeconds("1h2m3s"));
        assertEquals(-60, GoDuration.toSeconds("-1m"));
        assertEquals(Integer.MAX_VALUE, GoDuration.toSeconds("1000000h"), "capped at MaxInt32");
    }

    @Test
    void formatsAsGoDurationString() {
        assertEquals("0s", GoDuration.fromSeconds(0));
        assertEquals("45s", GoDuration.fromSeconds(45));
        assertEquals("5m0s", GoDuration.fromSeconds(300));
        assertEquals("1m30s", GoDuration.fromSeconds(90));
        assertEquals("1h0m0s", GoDuration.fromSeconds(3600));
        assertEquals("20m0s", GoDuration.fromSeconds(1200));
        assertEquals("-1m0s", GoDuration.fromSeconds(-60));
    }

    @Test
    void refusesWhatGoRefuses() {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("5"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("5 minutes"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos(""));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos("m"));
    }
}
