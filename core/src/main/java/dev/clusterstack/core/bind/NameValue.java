package dev.clusterstack.core.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record of two string components, {@code name} and {@code value}, a list of which a definition may
 * write in either of two forms: a mapping of names to values ({@code {a: "1", b: "2"}}, in the file's order)
 * or a list of {@code {name, value}} items, as Cluster API's command line arguments ({@code extraArgs}) are written in
 * its two versions. The {@link Binder} binds both to the same list and reports a name given twice, at the second one,
 * in the words of arguments.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NameValue {
}
