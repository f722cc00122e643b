package dev.clusterstack.core.validate;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the ORC node image of one Kubernetes version ({@link StackContent#orcImage()}). */
public final class OrcImageRules {
    /** A Kubernetes object name: an RFC 1123 subdomain. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private OrcImageRules() {
    }

    /** Whether a text is a sha256 digest: 64 hexadecimal digits. */
    public static boolean isSha256(String value) {
        return SHA256.matcher(value).matches();
    }

    /** The message for a value that is no sha256 digest. */
    public static String sha256Message(String value) {
        return "'" + value + "' is not a sha256 digest: 64 hexadecimal digits"
                + (value.startsWith("sha256:") ? ", without the 'sha256:' prefix" : "");
    }

    /** Problems of the content's ORC image, with model paths under {@code orcImage}; none when there is no image. */
    public static List<Problem> check(StackContent content) {
        List<Problem> problems = new ArrayList<>();
        OrcImage image = content.orcImage();
        if (image == null) {
            return problems;
        }
        if (image.name() == null || image.name().isEmpty()) {
            problems.add(Problem.error("orcImage.name", "the Image's name is required: the name the stack's patches and"
                    + " machine templates select, e.g. ubuntu-capi-image-v1.32.5"));
        } else if (image.name().length() > 253 || !DNS_SUBDOMAIN.matcher(image.name()).matches()) {
            problems.add(Problem.error("orcImage.name", "'" + image.name() + "' is not a valid object name: lower-case"
                    + " letters, digits, '-' and '.', at most 253 characters (Kubernetes' rule)"));
        }
        if (!OrcImage.PLACEMENTS.contains(image.placement())) {
            problems.add(Problem.error("orcImage.placement", "'" + image.placement() + "' is not one of "
                    + String.join(", ", OrcImage.PLACEMENTS)));
        }
        if (image.url() == null || image.url().isBlank()) {
            problems.add(Problem.error("orcImage.url", "no download URL for this Kubernetes version: set orcImage.url"
                    + " (for every version) or the version's image.url"));
        } else if (!image.url().startsWith("https://") && !image.url().startsWith("http://")) {
            problems.add(Problem.error("orcImage.url", "'" + image.url() + "' is not an http(s) URL (this project's"
                    + " rule: ORC downloads the image from it)"));
        }
        if (image.sha256() != null && !isSha256(image.sha256())) {
            problems.add(Problem.error("orcImage.sha256", sha256Message(image.sha256())));
        }
        if (image.spec().get("resource") instanceof Map<?, ?> resource && resource.get("content") instanceof Map<?, ?> c
                && c.containsKey("download")) {
            problems.add(Problem.error("orcImage.spec.resource.content.download", "the download is written from orcImage.url"
                    + " and each version's image (url, sha256): leave it out of the spec"));
        }
        return problems;
    }
}
