package dev.clusterstack.cli;

import dev.clusterstack.build.Setting;
import dev.clusterstack.build.SettingException;
import dev.clusterstack.core.publish.Credentials;

/** Registry credentials from the command line: a user name option, the password or token from an environment variable. */
final class EnvironmentCredentials {
    private EnvironmentCredentials() {
    }

    /**
     * @param username the user name given, or null/blank for anonymous access
     * @param variable the environment variable that holds the password or token
     * @param setting  the setting of the user name option, for the message
     * @return the credentials, or null for anonymous access
     * @throws SettingException when a user name is given but the variable is unset or empty
     */
    static Credentials of(String username, String variable, Setting setting) {
        if (username == null || username.isBlank()) {
            return null;
        }
        String password = System.getenv(variable);
        if (password == null || password.isEmpty()) {
            throw new SettingException(setting, "needs the password or token in $" + variable, CliWording.INSTANCE);
        }
        return new Credentials(username, password);
    }
}
