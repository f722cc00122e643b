// Every problem is reported at once as file:line:column, the build fails without a stack trace,
// and no release (not even a staging folder) is written.
def log = new File(basedir, 'build.log').text
assert log.contains('3 errors in the cluster stack:')
assert log.contains("src/main/clusterstack/stack.yaml:7:5: error: kubernetesVersions[2].version: '1.33' is not a full Kubernetes version such as 1.32.5")
assert log.contains('src/main/clusterstack/stack.yaml:12:10: error: clusterClass.controlPlane.ref: expected a string, found a list')
assert log.contains("src/main/clusterstack/stack.yaml:16:5: error: templates[0].specc: unknown field 'specc', did you mean 'spec'?")
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'stack trace in the log'
assert !(log =~ /[A-Za-z]+Exception:/) : 'exception in the log'
assert !new File(basedir, 'target/cluster-stacks').exists()
true
