package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/** {@code users[]}: a user cloud-init creates. */
public record User(String name, String gecos, String groups, String homeDir, Boolean inactive, String shell,
                   String passwd, Map<String, Object> passwdFrom, String primaryGroup, Boolean lockPassword,
                   String sudo, List<String> sshAuthorizedKeys, @Extra Map<String, Object> extra) {
    public User {
        passwdFrom = passwdFrom == null ? null : Copies.map(passwdFrom);
        sshAuthorizedKeys = Copies.list(sshAuthorizedKeys);
        extra = Copies.map(extra);
    }
}
