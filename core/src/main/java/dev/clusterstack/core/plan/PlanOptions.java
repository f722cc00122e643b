package dev.clusterstack.core.plan;

import dev.clusterstack.core.crd.CrdSchemas;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to plan.
 *
 * @param crds    CRD schemas: class templates get their CRD defaults before patching and every planned object is
 *                validated against its CRD; null to skip both
 * @param random  what stands for Cluster API's 5 random characters in generated names ({@link #RANDOM} by default)
 * @param workDir where the throwaway chart for Go templates is written (a temporary folder inside, deleted after)
 */
public record PlanOptions(CrdSchemas crds, String random, Path workDir) {
    /**
     * The fixed stand-in for {@code .random} in names: Cluster API draws 5 characters from
     * {@code bcdfghjklmnpqrstvwxz2456789}; the plan uses {@code xxxxx} (5 characters, valid in every name, easy to
     * spot), so names are stable from one plan to the next.
     */
    public static final String RANDOM = "xxxxx";

    public PlanOptions {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(workDir, "workDir");
    }

    public static PlanOptions defaults(Path workDir) {
        return new PlanOptions(null, RANDOM, workDir);
    }

    public PlanOptions withCrds(CrdSchemas schemas) {
        return new PlanOptions(schemas, random, workDir);
    }
}
