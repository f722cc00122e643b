package dev.clusterstack.core.compat;

/** A rule that matched, before the policy gives it a level. */
record Hit(Rule rule, String path, String message) {
}
