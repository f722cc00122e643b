package dev.clusterstack.build;

import java.util.Objects;

/**
 * A setting has a value the build cannot use. It carries the {@link Setting}; the message starts with
 * the setting as the front end words it, e.g. {@code <versionMode> (clusterstack.versionMode): 'foo' is
 * not one of custom, hash, stable} in Maven or {@code --version-mode: ...} on the command line.
 */
public final class SettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Setting setting;
    private final String problem;

    /**
     * @param setting the setting at fault
     * @param problem what is wrong with its value (settings it mentions already worded)
     * @param wording how the front end names the setting
     */
    public SettingException(Setting setting, String problem, Wording wording) {
        super(wording.setting(Objects.requireNonNull(setting, "setting")) + ": " + problem, null, false, false);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting at fault. */
    public Setting setting() {
        return setting;
    }

    /** What is wrong, without the setting's name. */
    public String problem() {
        return problem;
    }
}
