package dev.clusterstack.core.release;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip writer whose header holds nothing of the machine or the time: no file name, no comment,
 * modification time 0, OS byte 255 ("unknown", as Go's {@code compress/gzip} and therefore Helm
 * write it). {@link java.util.zip.GZIPOutputStream} is avoided because its OS byte changed between
 * JDK releases (JDK-8244706) and its level cannot be set without subclassing.
 *
 * <p>{@link #close()} finishes the gzip member and closes the underlying stream; {@link #finish()}
 * finishes it and leaves the underlying stream open.
 */
final class DeterministicGzipOutputStream extends FilterOutputStream {

    private static final int OS_UNKNOWN = 255;

    private final Deflater deflater;
    private final DeflaterOutputStream deflating;
    private final CRC32 crc = new CRC32();
    private long size;
    private boolean finished;

    DeterministicGzipOutputStream(OutputStream out, int level) throws IOException {
        super(out);
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("gzip compression level must be 1..9, was " + level);
        }
        this.deflater = new Deflater(level, true);
        // XFL: 2 = maximum compression, 4 = fastest, 0 otherwise (RFC 1952, as zlib sets it)
        int xfl = level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0;
        out.write(new byte[] {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, (byte) xfl, (byte) OS_UNKNOWN});
        this.deflating = new DeflaterOutputStream(new NonClosingOutputStream(out), deflater, 64 * 1024);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        deflating.write(b, off, len);
        crc.update(b, off, len);
        size += len;
    }

    /** Writes the remaining compressed data and the trailer; the underlying stream stays open. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            deflating.finish();
            long c = crc.getValue();
            long n = size & 0xffffffffL;
            out.write(new byte[] {
                (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
            out.flush();
        } finally {
            deflater.end();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}
