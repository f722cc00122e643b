package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * {@code files[]}: a file cloud-init writes on the node. {@code content} reaches the node byte for
 * byte as given (shell {@code ${VAR}}, backticks and braces included).
 */
public record File(String path, String owner, String permissions, String encoding, Boolean append, String content,
                   FileSource contentFrom, @Extra Map<String, Object> extra) {
    /** The longest {@code content} Cluster API accepts (the CRD's {@code maxLength}). */
    public static final int MAX_CONTENT = 10_240;
    public static final String BASE64 = "base64";
    public static final String GZIP_BASE64 = "gzip+base64";

    public File {
        extra = Copies.map(extra);
    }

    /**
     * A root-owned file whose text is stored as is when it fits {@link #MAX_CONTENT}, else gzip'd and
     * base64-encoded ({@code encoding: gzip+base64}, decoded by cloud-init on the node). Deterministic.
     */
    public static File encoded(String path, String permissions, String text) {
        if (text.length() <= MAX_CONTENT) {
            return of(path, permissions, text);
        }
        return new File(path, "root:root", permissions, GZIP_BASE64, null, encode(text, GZIP_BASE64), null, Map.of());
    }

    /** The text as the node will see it: {@code content} decoded according to {@code encoding}. */
    public String text() {
        if (content == null || encoding == null) {
            return content;
        }
        return decode(content, encoding);
    }

    /** Encodes text as {@code base64} or {@code gzip+base64}; the gzip stream has no time or name (reproducible). */
    public static String encode(String text, String encoding) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (encoding) {
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case GZIP_BASE64 -> Base64.getEncoder().encodeToString(gzip(bytes));
            default -> throw new IllegalArgumentException("cannot encode as '" + encoding + "': use base64 or gzip+base64");
        };
    }

    static String decode(String content, String encoding) {
        try {
            return switch (encoding) {
                case BASE64 -> new String(Base64.getMimeDecoder().decode(content), StandardCharsets.UTF_8);
                case GZIP_BASE64 -> new String(new GZIPInputStream(new ByteArrayInputStream(
                        Base64.getMimeDecoder().decode(content))).readAllBytes(), StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("cannot decode encoding '" + encoding + "'");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("content is not valid " + encoding + ": " + e.getMessage(), e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 32);
        // header: magic, deflate, no flags, mtime 0, max compression, OS unknown
        out.writeBytes(new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLE(out, (int) crc.getValue());
        writeIntLE(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    public static File of(String path, String permissions, String content) {
        return new File(path, "root:root", permissions, null, null, content, null, Map.of());
    }

    /** {@code contentFrom}: the content comes from a Secret key. */
    public record FileSource(SecretFileSource secret, @Extra Map<String, Object> extra) {
        public FileSource {
            extra = Copies.map(extra);
        }
    }

    /** {@code contentFrom.secret}. */
    public record SecretFileSource(String name, String key, @Extra Map<String, Object> extra) {
        public SecretFileSource {
            extra = Copies.map(extra);
        }
    }
}
