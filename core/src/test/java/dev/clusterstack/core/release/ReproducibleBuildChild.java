package dev.clusterstack.core.release;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.render.VariableDocs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM for {@link ReproducibleBuildTest}: builds the release folders (stable mode) of every
 * definition given after the output folder into {@code <output>/releases}, and the variables
 * documentation the {@code docs} goal writes into {@code <output>/docs}, then prints "DONE".
 */
final class ReproducibleBuildChild {

    private ReproducibleBuildChild() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            ClusterStack stack = StackDefinition.load(Path.of(args[i])).stack();
            ReleaseBuilder.build(stack, ReleaseBuilder.Options.of(VersionMode.STABLE, out.resolve("releases")));
            StringBuilder docs = new StringBuilder();
            for (KubernetesRelease r : stack.releases()) {
                docs.append("## ").append(r.kubernetesVersion()).append('\n')
                        .append(VariableDocs.variablesTable(r.content().clusterClass()));
            }
            Files.createDirectories(out.resolve("docs"));
            Files.writeString(out.resolve("docs").resolve(stack.provider() + "-" + stack.name() + ".md"), docs,
                    StandardCharsets.UTF_8);
        }
        System.out.println("DONE");
    }
}
