package dev.clusterstack.core.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record of one string component that a definition writes as a plain string: the {@link Binder} binds a
 * scalar's text to it and refuses anything else as it refuses a non-string for a string field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FromScalar {
}
