// A bad parameter fails the build naming the POM element and the user property, without a stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains("<versionMode> (clusterstack.versionMode): 'foo' is not one of custom, hash, stable")
assert log.contains('<nodeImageVersion> (clusterstack.nodeImageVersion): is required when <versionMode> (clusterstack.versionMode) is custom')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'stack trace in the log'
assert !new File(basedir, 'target/cluster-stacks').exists()
true
