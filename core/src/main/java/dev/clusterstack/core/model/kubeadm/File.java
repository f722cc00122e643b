package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.Copies;

import java.util.Map;

/**
 * {@code files[]}: a file cloud-init writes on the node. {@code content} reaches the node byte for
 * byte as given (shell {@code ${VAR}}, backticks and braces included).
 */
public record File(String path, String owner, String permissions, String encoding, Boolean append, String content,
                   FileSource contentFrom, @Extra Map<String, Object> extra) {
    public File {
        extra = Copies.map(extra);
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
