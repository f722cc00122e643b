package dev.clusterstack.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The archive time is read as maven-archiver reads project.build.outputTimestamp. */
class OutputTimestampTest {

    @Test
    void isoWithOffsetOrZuluTruncatedToSeconds() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T00:00:00Z", Wording.IDS));
        assertEquals(Instant.parse("2019-10-05T14:37:42Z"), OutputTimestamp.parse("2019-10-05T20:37:42+06:00", Wording.IDS));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T00:00:00.987Z", Wording.IDS));
    }

    @Test
    void secondsSinceTheEpoch() {
        assertEquals(Instant.ofEpochSecond(1767225600), OutputTimestamp.parse("1767225600", Wording.IDS));
    }

    @Test
    void unsetEmptyOrOneCharacterMeansNone() {
        assertNull(OutputTimestamp.parse(null, Wording.IDS));
        assertNull(OutputTimestamp.parse("", Wording.IDS));
        assertNull(OutputTimestamp.parse("a", Wording.IDS));
    }

    @Test
    void anythingElseNamesTheSetting() {
        SettingException e = assertThrows(SettingException.class, () -> OutputTimestamp.parse("yesterday", Wording.IDS));
        assertEquals(Setting.OUTPUT_TIMESTAMP, e.setting());
        assertEquals("outputTimestamp: 'yesterday' is not an ISO-8601"
                + " date-time with offset such as 2026-01-01T00:00:00Z, nor seconds since 1970", e.getMessage());
        SettingException early = assertThrows(SettingException.class, () -> OutputTimestamp.parse("1970-01-01T00:00:00Z", Wording.IDS));
        assertEquals("outputTimestamp: '1970-01-01T00:00:00Z' is invalid:"
                + " 1970-01-01T00:00:00Z is not within 1980-01-01T00:00:02Z and 2099-12-31T23:59:59Z", early.getMessage());
    }
}
