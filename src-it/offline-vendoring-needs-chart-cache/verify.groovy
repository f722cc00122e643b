// -o: no chart is fetched; the failure names the chart, its repository and the chart cache, and no
// release is written.
def log = new File(basedir, 'build.log').text
assert log.contains("cannot fetch the chart dependencies of addon 'cni' (<vendorDependencies>): offline:")
assert log.contains('offline: the dependencies cilium 1.16.6 from https://helm.cilium.io/ are not all in the chart cache')
assert log.contains('empty-chart-cache')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'stack trace in the log'
assert !new File(basedir, 'target/cluster-stacks').list()?.any { !it.startsWith('.') }
true
