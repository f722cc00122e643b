package dev.clusterstack.core.helm;

import java.nio.file.Path;

/**
 * Helm (run through helm-java) refused a chart: lint crashed, a template did not render, a dependency could not be
 * fetched. The message names the chart and carries Helm's own message.
 */
public class HelmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path chart;
    private final String helmMessage;

    public HelmException(Path chart, String helmMessage, Throwable cause) {
        super("helm failed for chart " + chart + ": " + helmMessage, cause);
        this.chart = chart;
        this.helmMessage = helmMessage;
    }

    public HelmException(Path chart, String helmMessage) {
        this(chart, helmMessage, null);
    }

    /** The chart folder or archive Helm was working on. */
    public Path chart() {
        return chart;
    }

    /** Helm's message, without the chart prefix. */
    public String helmMessage() {
        return helmMessage;
    }
}
