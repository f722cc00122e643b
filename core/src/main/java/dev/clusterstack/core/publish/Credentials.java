package dev.clusterstack.core.publish;

import java.util.Objects;

/**
 * Registry credentials: HTTP basic authentication, or the basic authentication of the registry's
 * token service. {@link #toString()} hides the password.
 *
 * @param username the user name
 * @param password the password or access token
 */
public record Credentials(String username, String password) {
    /** Both must be given. */
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
