package dev.clusterstack.build;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads the archive time as maven-archiver reads {@code project.build.outputTimestamp}: epoch seconds, or an ISO-8601
 * date-time with offset ({@code 2026-01-01T00:00:00Z}, {@code 2019-10-05T20:37:42+06:00}) truncated to
 * seconds; empty or a single character means "not set".
 */
public final class OutputTimestamp {
    static final Instant MIN = Instant.parse("1980-01-01T00:00:02Z");
    static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

    private OutputTimestamp() {
    }

    /**
     * @param text    the setting's value, may be null
     * @param wording how the front end names the setting
     * @return the instant, or null when not set
     * @throws SettingException naming the setting when the value is not a time
     */
    public static Instant parse(String text, Wording wording) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw bad(wording, text, "the number of seconds since 1970 is too large");
            }
        }
        if (s.length() < 2) {
            return null;
        }
        Instant date;
        try {
            date = OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(wording, text, "not an ISO-8601 date-time with offset such as 2026-01-01T00:00:00Z, nor seconds since 1970");
        }
        if (date.isBefore(MIN) || date.isAfter(MAX)) {
            throw bad(wording, text, date + " is not within " + MIN + " and " + MAX);
        }
        return date;
    }

    private static SettingException bad(Wording wording, String text, String why) {
        return new SettingException(Setting.OUTPUT_TIMESTAMP,
                "'" + text + "' is " + (why.startsWith("not") ? why : "invalid: " + why), wording);
    }
}
