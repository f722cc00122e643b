package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.Deflater;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleArchiveTest {

    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");
    private static final String LONG_NAME = "templates/" + "very-long-template-name-".repeat(6) + "end.yaml";

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Path chart(Path dir) throws IOException {
        write(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: v1\n");
        write(dir.resolve("values.yaml"), "{}\n");
        write(dir.resolve("templates/cluster-class.yaml"), "kind: ClusterClass\n");
        write(dir.resolve("templates/_helpers.tpl"), "{{/* helpers */}}\n");
        write(dir.resolve("files/a-b"), "dash sorts before slash\n");
        write(dir.resolve("files/a/b"), "slash\n");
        write(dir.resolve(LONG_NAME), "long\n");
        write(dir.resolve("files/hook.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(dir.resolve("files/hook.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("empty"));
        return dir;
    }

    private static byte[] archive(Path dir, Instant mtime) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReproducibleArchive.writeTarGz(dir, "demo", out, mtime, ReproducibleArchive.DEFAULT_LEVEL);
        return out.toByteArray();
    }

    private static Map<String, TarArchiveEntry> entries(byte[] tgz, Map<String, String> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void sameInputGivesSameBytesAcrossRunsTouchesAndTimeZones(@TempDir Path tmp) throws IOException {
        Path dir = chart(tmp.resolve("chart"));
        byte[] first = archive(dir, OUTPUT_TIMESTAMP);
        assertArrayEquals(first, archive(dir, OUTPUT_TIMESTAMP), "two runs");

        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2031-07-04T12:34:56Z")));
            }
        }
        assertArrayEquals(first, archive(dir, OUTPUT_TIMESTAMP), "after touching every input file");

        TimeZone saved = TimeZone.getDefault();
        String savedUser = System.getProperty("user.name");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            // TarArchiveEntry's base constructor reads user.name; PAX headers for long names must not carry it
            System.setProperty("user.name", "someone-else-entirely");
            byte[] elsewhere = archive(dir, OUTPUT_TIMESTAMP);
            assertArrayEquals(first, elsewhere, "other time zone and user");
            assertFalse(new String(gunzip(elsewhere), StandardCharsets.ISO_8859_1).contains("someone-else"));
        } finally {
            TimeZone.setDefault(saved);
            System.setProperty("user.name", savedUser);
        }

        assertNotEquals(new String(first, StandardCharsets.ISO_8859_1),
                new String(archive(dir, ReproducibleArchive.DEFAULT_MTIME), StandardCharsets.ISO_8859_1),
                "the given time is used");
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void entriesAreSortedFilesOnlyWithFixedOwnerModeAndTime(@TempDir Path tmp) throws IOException {
        Path dir = chart(tmp.resolve("chart"));
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(archive(dir, OUTPUT_TIMESTAMP), contents);

        List<String> expected = List.of("demo/Chart.yaml", "demo/files/a-b", "demo/files/a/b", "demo/files/hook.sh",
                "demo/templates/_helpers.tpl", "demo/templates/cluster-class.yaml", "demo/" + LONG_NAME,
                "demo/values.yaml");
        assertEquals(expected, new ArrayList<>(entries.keySet()), "sorted by byte order, no directory entries");
        assertEquals("long\n", contents.get("demo/" + LONG_NAME));
        for (TarArchiveEntry e : entries.values()) {
            assertTrue(e.isFile(), e.getName());
            assertEquals(0, e.getLongUserId());
            assertEquals(0, e.getLongGroupId());
            assertEquals("", e.getUserName());
            assertEquals("", e.getGroupName());
            assertEquals(OUTPUT_TIMESTAMP, e.getLastModifiedTime().toInstant());
            assertEquals(e.getName().endsWith("hook.sh") ? 0755 : 0644, e.getMode(), e.getName());
        }
    }

    @Test
    void everyRawTarHeaderIncludingPaxHeadersHasFixedOwnerAndTime(@TempDir Path tmp) throws IOException {
        byte[] tar = gunzip(archive(chart(tmp.resolve("chart")), OUTPUT_TIMESTAMP));
        int headers = 0;
        boolean sawPax = false;
        for (int off = 0; off + 512 <= tar.length && tar[off] != 0; headers++) {
            String name = field(tar, off, 0, 100);
            long size = Long.parseLong(field(tar, off, 124, 12).trim(), 8);
            long mtime = Long.parseLong(field(tar, off, 136, 12).trim(), 8);
            sawPax |= tar[off + 156] == 'x';
            assertEquals(OUTPUT_TIMESTAMP.getEpochSecond(), mtime, name);
            assertEquals("0000000", field(tar, off, 108, 8).trim(), "uid of " + name);
            assertEquals("0000000", field(tar, off, 116, 8).trim(), "gid of " + name);
            assertEquals("", field(tar, off, 265, 32), "uname of " + name);
            assertEquals("", field(tar, off, 297, 32), "gname of " + name);
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        assertTrue(sawPax, "the long name needs a PAX header");
        assertEquals(9, headers, "8 files + 1 PAX header, no directories");
    }

    private static String field(byte[] tar, int off, int start, int length) {
        int end = start;
        while (end < start + length && tar[off + end] != 0) {
            end++;
        }
        return new String(tar, off + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Test
    void gzipHeaderHasNoTimeNoNameAndFixedOs(@TempDir Path tmp) throws IOException {
        byte[] tgz = archive(chart(tmp.resolve("chart")), OUTPUT_TIMESTAMP);
        // magic, deflate, no flags (no name/comment/extra), mtime 0, XFL 0 (default level 6), OS 255
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff},
                java.util.Arrays.copyOf(tgz, 10));

        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        ReproducibleArchive.writeTarGz(tmp.resolve("chart"), "demo", fast, OUTPUT_TIMESTAMP, Deflater.BEST_SPEED);
        assertEquals(4, fast.toByteArray()[8], "XFL for fastest");
        assertArrayEquals(gunzip(tgz), gunzip(fast.toByteArray()), "level changes compression only");
    }

    @Test
    void systemTarListsNamesModesOwnersAndTime(@TempDir Path tmp) throws Exception {
        Path dir = chart(tmp.resolve("chart"));
        Path tgz = tmp.resolve("demo-v1.tgz");
        ReproducibleArchive.writeTarGz(dir, "demo", tgz, OUTPUT_TIMESTAMP);

        ProcessBuilder pb = new ProcessBuilder("tar", "--numeric-owner", "-tzvf", tgz.toString());
        pb.environment().put("TZ", "UTC");
        pb.environment().put("LC_ALL", "C");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), listing);

        List<String> lines = listing.lines().toList();
        assertEquals(8, lines.size(), listing);
        for (String line : lines) {
            String[] f = line.trim().split("\\s+", 6);
            // -rw-r--r-- 0/0 5 2026-01-01 00:00 demo/values.yaml
            String name = f[5];
            assertEquals(name.endsWith("hook.sh") ? "-rwxr-xr-x" : "-rw-r--r--", f[0], line);
            assertEquals("0/0", f[1], line);
            assertEquals("2026-01-01", f[3], line);
            assertEquals("00:00", f[4], line);
            assertTrue(name.startsWith("demo/"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("demo/" + LONG_NAME)), "PAX long name read by GNU tar");

        Path extracted = Files.createDirectory(tmp.resolve("x"));
        Process x = new ProcessBuilder("tar", "-xzf", tgz.toString(), "-C", extracted.toString())
                .redirectErrorStream(true).start();
        String err = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, x.waitFor(), err);
        assertFalse(Files.exists(extracted.resolve("PaxHeaders.X")), "PAX header not extracted as a file");
        assertEquals(DirHash.h1(dir.resolve("templates"), ""), DirHash.h1(extracted.resolve("demo/templates"), ""));
    }

    @Test
    void helmLoadsAndRendersTheArchive(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("chart");
        write(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: v1\n");
        write(dir.resolve("templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: {{ .Release.Name }}-{{ .Chart.Version }}\ndata:\n"
                + "  hook: {{ .Files.Get \"files/hook.sh\" | quote }}\n");
        write(dir.resolve(LONG_NAME), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-long-name\n");
        write(dir.resolve("files/hook.sh"), "#!/bin/sh\n");
        Path tgz = tmp.resolve("demo-v1.tgz");
        ReproducibleArchive.writeTarGz(dir, "demo", tgz, OUTPUT_TIMESTAMP);

        String rendered = com.marcnuri.helm.Helm.template(tgz.toString()).withName("openstack-scs-1-32").call();
        assertTrue(rendered.contains("name: openstack-scs-1-32-v1"), rendered);
        assertTrue(rendered.contains("name: from-long-name"), "template with a PAX long name is loaded: " + rendered);
        assertTrue(rendered.contains("hook: \"#!/bin/sh\\n\""), rendered);
    }

    @Test
    void nonAsciiNamesRoundTrip(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("chart");
        write(dir.resolve("files/gr\u00fc\u00dfe.txt"), "hallo\n");
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(archive(dir, OUTPUT_TIMESTAMP), contents);
        assertEquals(List.of("demo/files/gr\u00fc\u00dfe.txt"), new ArrayList<>(entries.keySet()));
    }

    @Test
    void symlinksAreRejectedNamingThePath(@TempDir Path tmp) throws IOException {
        Path dir = chart(tmp.resolve("chart"));
        Files.createSymbolicLink(dir.resolve("templates/link.yaml"), Path.of("cluster-class.yaml"));
        Path target = tmp.resolve("out.tgz");
        IOException e = assertThrows(IOException.class,
                () -> ReproducibleArchive.writeTarGz(dir, "demo", target, OUTPUT_TIMESTAMP));
        assertTrue(e.getMessage().contains("symbolic link") && e.getMessage().contains("templates/link.yaml"),
                e.getMessage());
        assertFalse(Files.exists(target), "no partial archive");
    }

    @Test
    void anArchiveIsReplacedWholeWithNothingLeftBeside(@TempDir Path tmp) throws IOException {
        Path dir = chart(tmp.resolve("chart"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path target = out.resolve("bundle.tgz");
        Files.writeString(target, "an older, longer bundle than the new one ".repeat(1000));
        ReproducibleArchive.writeTarGz(dir, "demo", target, OUTPUT_TIMESTAMP);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ReproducibleArchive.writeTarGz(dir, "demo", expected, OUTPUT_TIMESTAMP, ReproducibleArchive.DEFAULT_LEVEL);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(target));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(target), s.toList(), "no .partial file left next to it");
        }

        Files.createSymbolicLink(dir.resolve("templates/link.yaml"), Path.of("cluster-class.yaml"));
        assertThrows(IOException.class, () -> ReproducibleArchive.writeTarGz(dir, "demo", target, OUTPUT_TIMESTAMP));
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(target), "a failed write keeps the previous archive");
    }

    @Test
    void badArgumentsAreRejected(@TempDir Path tmp) throws IOException {
        Path dir = chart(tmp.resolve("chart"));
        var out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class,
                () -> ReproducibleArchive.writeTarGz(dir, "a/b", out, OUTPUT_TIMESTAMP, 9));
        assertThrows(IllegalArgumentException.class,
                () -> ReproducibleArchive.writeTarGz(dir, "demo", out, Instant.parse("1969-12-31T23:59:59Z"), 9));
        assertThrows(IllegalArgumentException.class,
                () -> ReproducibleArchive.writeTarGz(dir, "demo", out, OUTPUT_TIMESTAMP, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ReproducibleArchive.writeTarGz(dir, "demo", dir.resolve("self.tgz"), OUTPUT_TIMESTAMP));
        IOException e = assertThrows(IOException.class,
                () -> ReproducibleArchive.writeTarGz(tmp.resolve("nope"), "demo", out, OUTPUT_TIMESTAMP, 9));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
