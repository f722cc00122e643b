package dev.clusterstack.core.bench;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The floor our packager is measured against: the same files through a bare tar stream and java.util.zip at the
 * same level, without anything the reproducible packager adds (tree walk with link checks, POSIX attribute reads,
 * UTF-8 sort, PAX settings, deterministic gzip header).
 */
final class ArchiveFloors {

    /** One file of the chart: its name in the archive, where it is, and (for the in-memory floor) its bytes. */
    record Entry(String name, Path file, byte[] bytes) {
    }

    private ArchiveFloors() {
    }

    /** Files of {@code dir} under {@code root/}, sorted by name: listed once, outside the timed rounds. */
    static List<Entry> entries(Path dir, String root) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.add(new Entry(root + "/" + rel, p, Files.readAllBytes(p)));
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** gzip at a given level (GZIPOutputStream's Deflater is protected). */
    static GZIPOutputStream gzip(OutputStream out, int level) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
    }

    /**
     * Floor A: reads each file from disk, commons-compress {@link TarArchiveOutputStream} (plain settings),
     * {@link GZIPOutputStream} at {@code level}, into {@code target}.
     */
    static void commonsCompress(List<Entry> entries, Path target, int level) throws IOException {
        try (OutputStream file = Files.newOutputStream(target);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip(file, level))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                byte[] bytes = Files.readAllBytes(e.file());
                TarArchiveEntry entry = new TarArchiveEntry(e.name());
                entry.setSize(bytes.length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /**
     * Floor B (pure CPU): bytes already in memory, a minimal hand-written ustar stream, {@link GZIPOutputStream} at
     * {@code level}, into a counting sink. Returns the compressed size.
     */
    static long inMemory(List<Entry> entries, int level) throws IOException {
        CountingSink sink = new CountingSink();
        try (GZIPOutputStream gz = gzip(sink, level); OutputStream out = new BufferedOutputStream(gz, 64 * 1024)) {
            byte[] header = new byte[512];
            byte[] pad = new byte[512];
            for (Entry e : entries) {
                ustarHeader(header, e.name(), e.bytes().length);
                out.write(header);
                out.write(e.bytes());
                int rest = (512 - e.bytes().length % 512) % 512;
                out.write(pad, 0, rest);
            }
            out.write(new byte[1024]);
        }
        return sink.count;
    }

    private static void ustarHeader(byte[] h, String name, long size) {
        java.util.Arrays.fill(h, (byte) 0);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length <= 100) {
            System.arraycopy(n, 0, h, 0, n.length);
        } else {
            int cut = name.lastIndexOf('/', 155);
            byte[] prefix = name.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            byte[] rest = name.substring(cut + 1).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 315532800L);
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        int digits = len - 1;
        for (int i = 0; i < digits; i++) {
            int from = s.length() - digits + i;
            h[off + i] = (byte) (from < 0 ? '0' : s.charAt(from));
        }
        h[off + digits] = 0;
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
