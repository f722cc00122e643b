package dev.clusterstack.build;

/**
 * How a front end names its settings and steps in messages. The build layer never spells a POM
 * element or a command-line option itself.
 */
public interface Wording {
    /** Names every setting by its id and every step by its goal: for tests and tools without their own terms. */
    Wording IDS = new Wording() {
        @Override
        public String setting(Setting setting) {
            return setting.id();
        }

        @Override
        public String step(String goal) {
            return goal;
        }
    };

    /** The setting in full, at the start of an error, e.g. {@code <versionMode> (clusterstack.versionMode)}. */
    String setting(Setting setting);

    /** The setting inside a sentence, e.g. {@code <versionMode>}; the full name unless the front end has a shorter one. */
    default String brief(Setting setting) {
        return setting(setting);
    }

    /** How the user runs a step: {@code package} is {@code clusterstack:package} in Maven. */
    String step(String goal);
}
