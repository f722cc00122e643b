package dev.clusterstack.core.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field name a record component has in YAML, where it differs from the Java name
 * (Java keywords such as {@code class}, or names with dashes such as
 * {@code x-kubernetes-preserve-unknown-fields}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD, ElementType.FIELD})
public @interface YamlName {
    String value();
}
