package dev.clusterstack.maven;

import dev.clusterstack.build.Setting;
import dev.clusterstack.build.SettingException;
import dev.clusterstack.core.publish.Credentials;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Registry credentials from a {@code <server>} of {@code settings.xml} (encrypted passwords are decrypted). */
final class ServerCredentials {

    private ServerCredentials() {
    }

    /**
     * The credentials of {@code <server>} {@code serverId}.
     *
     * @param settings  Maven's settings
     * @param decrypter Maven's settings decrypter, or null
     * @param serverId  the server id, or null/blank for anonymous access
     * @param setting   the setting that names the server, for messages
     * @return the credentials, or null for anonymous access
     * @throws SettingException when there is no such server, its password cannot be decrypted, or it lacks a
     *                          user name or password
     */
    static Credentials of(Settings settings, SettingsDecrypter decrypter, String serverId, Setting setting) {
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw error(setting, "there is no <server> with id '" + serverId + "' in settings.xml");
        }
        if (decrypter != null) {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw error(setting, "cannot decrypt the password of <server> '" + serverId + "': " + problem.getMessage());
                }
            }
            if (result.getServer() != null) {
                server = result.getServer();
            }
        }
        if (server.getUsername() == null || server.getPassword() == null) {
            throw error(setting, "<server> '" + serverId + "' in settings.xml needs a <username> and a <password>");
        }
        return new Credentials(server.getUsername(), server.getPassword());
    }

    private static SettingException error(Setting setting, String problem) {
        return new SettingException(setting, problem, MavenWording.INSTANCE);
    }
}
