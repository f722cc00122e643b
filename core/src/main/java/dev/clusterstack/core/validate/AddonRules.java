package dev.clusterstack.core.validate;

import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.AddonStage;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules of the addons: layout, names, charts (name, SemVer version, repository), overwrite templates and stages. */
final class AddonRules {
    /** A version as Helm reads it (Masterminds semver, loose: optional {@code v}, minor and patch). */
    static final Pattern HELM_SEMVER = Pattern.compile("v?[0-9]+(\\.[0-9]+)?(\\.[0-9]+)?"
            + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

    private final Problems problems;

    AddonRules(Problems problems) {
        this.problems = problems;
    }

    void addons(StackContent c) {
        if (c.addonValues() != null) {
            problems.goTemplate(c.addonValues(), "addonValues");
            if (c.addonLayout() == AddonLayout.STAGED) {
                problems.warning("addonValues", "only the legacy addon layout uses addonValues; the staged layout ignores it");
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.addons().size(); i++) {
            Addon a = c.addons().get(i);
            String path = "addons[" + i + "]";
            if (!problems.present(a, path)) {
                continue;
            }
            if (a.name() == null || !TemplateRules.DNS_LABEL.matcher(a.name()).matches()) {
                problems.error(path + ".name", "'" + a.name() + "' must be a lower-case DNS label (it names the addon's folder)");
            } else if (!names.add(a.name())) {
                problems.error(path + ".name", "addon '" + a.name() + "' is defined twice");
            }
            if (a.chart() == null) {
                problems.error(path + ".chart", "the addon's chart (name, version, repository) is required");
            } else {
                if (a.chart().name() == null || a.chart().name().isBlank()) {
                    problems.error(path + ".chart.name", "a chart name is required");
                }
                if (a.chart().version() == null || a.chart().version().isBlank()) {
                    problems.error(path + ".chart.version", "a chart version is required");
                } else if (!HELM_SEMVER.matcher(a.chart().version()).matches()) {
                    problems.error(path + ".chart.version", "'" + a.chart().version() + "' is not a SemVer version as Helm"
                            + " requires (MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD], an optional leading v)");
                }
                if (a.chart().repository() == null || !a.chart().repository().matches("(https?|oci|file)://.+")) {
                    problems.error(path + ".chart.repository", "'" + a.chart().repository()
                            + "' must be an http(s)://, oci:// or file:// address");
                }
            }
            if (a.overwrite() != null) {
                problems.goTemplate(a.overwrite(), path + ".overwrite");
                HelmEscapes.warnIn(a.overwrite(), path + ".overwrite", problems);
            }
            for (int s = 0; s < a.stages().size(); s++) {
                AddonStage st = a.stages().get(s);
                String sPath = path + ".stages[" + s + "]";
                if (!problems.present(st, sPath)) {
                    continue;
                }
                if (st.hook() == null || !AddonStage.HOOKS.contains(st.hook())) {
                    problems.error(sPath + ".hook", "'" + st.hook() + "' is not one of " + String.join(", ", AddonStage.HOOKS));
                }
                if (!AddonStage.ACTIONS.contains(st.action())) {
                    problems.error(sPath + ".action", "'" + st.action() + "' is not one of apply, delete");
                }
            }
        }
    }
}
