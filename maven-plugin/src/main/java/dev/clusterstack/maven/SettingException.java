package dev.clusterstack.maven;

/**
 * A goal parameter has a value the build cannot use. The message names the POM element and the user
 * property, e.g. {@code <versionMode> (clusterstack.versionMode): 'foo' is not one of custom, hash, stable}.
 */
public final class SettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param element  the parameter's name in the POM's {@code <configuration>}
     * @param property its user property
     * @param message  what is wrong with the value
     */
    public SettingException(String element, String property, String message) {
        super("<" + element + "> (" + property + "): " + message, null, false, false);
    }
}
