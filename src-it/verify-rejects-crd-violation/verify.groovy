// verify checks every rendered object against the configured CRDs: the lenient CRD passes (objects of
// kinds without a CRD are reported as warnings), the strict one fails naming release, chart archive,
// object and field, without a stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains('Verified release docker-scs-1-32-v1 (5 objects rendered, checked against CRD schemas)')
assert log.contains('Verified 1 cluster stack release against the CRD schemas of 1 kind')
assert log.contains('warning: docker-scs-1-32-v1: docker-scs-1-32-cluster-class-v1.tgz: ClusterClass docker-scs-1-32-v1: no CRD schema')

assert log.contains('Cluster stack verification failed: 1 error in 1 of 1 releases:')
def line = log.readLines().find { it.contains('error: docker-scs-1-32-v1: docker-scs-1-32-cluster-class-v1.tgz: DockerMachineTemplate docker-scs-1-32-v1-machine: ') }
assert line != null
assert line.contains('customImage') : line
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'stack trace in the log'
true
