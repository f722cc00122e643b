package dev.clusterstack.core.validate;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the chart names of the addons ({@link Addon#chartName()}), which name each addon chart of the staged layout. */
public final class AddonChartNames {
    /** What Helm accepts as a chart name: a file name (no path), here kept to letters, digits, '.', '_' and '-'. */
    private static final Pattern CHART_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private AddonChartNames() {
    }

    /** Problems with model paths {@code addons[i].chartName}. */
    public static List<Problem> check(StackContent content) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < content.addons().size(); i++) {
            Addon a = content.addons().get(i);
            if (a == null || a.chartName() == null || a.name() == null) {
                continue; // the addon's own checks report a missing addon or name
            }
            if (!CHART_NAME.matcher(a.chartName()).matches()) {
                problems.add(Problem.error("addons[" + i + "].chartName", "'" + a.chartName() + "' is not a chart name:"
                        + " letters, digits, '.', '_' and '-', starting with a letter or digit (Helm refuses a name with"
                        + " a path; the rest is this project's rule)"));
            }
        }
        return problems;
    }
}
