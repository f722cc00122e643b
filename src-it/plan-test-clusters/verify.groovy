// plan ran after verify in the packaging's lifecycle: the test cluster (class docker-scs names every release)
// and the automatic clusters (no variable; imageRepository set to its schema example) planned against the
// release; then the generated chart planned on its own.
def log = new File(basedir, 'build.log').text
def goals = (log =~ /--- ([a-z-]+):[^:]+:([a-z-]+) \(default-([a-z-]+)\)/).collect { it[1] + ':' + it[2] }
assert goals == ['clusterstack-maven-plugin:generate', 'clusterstack-maven-plugin:package',
                 'clusterstack-maven-plugin:verify', 'clusterstack-maven-plugin:plan',
                 'clusterstack-maven-plugin:plan'] : goals // the second: invocation 2, from the command line
assert log.contains('Planned 3 clusters against 1 release in target/cluster-stack-plans (0 warnings, 0 uncovered patches)')

def plans = new File(basedir, 'target/cluster-stack-plans')
def summary = new File(plans, 'plans.md').text
['auto-defaults', 'auto-imageRepository', 'workers'].each {
    assert summary.contains("| docker-scs-1-32 | ${it} | ") : summary
    assert new File(plans, "docker-scs-1-32/${it}/plan.md").isFile() : it
}
assert summary.contains('- docker-scs-1-32: every patch is enabled by some planned cluster')
assert new File(plans, 'docker-scs-1-32/auto-imageRepository/control-plane.yaml').text.contains('imageRepository: registry.example.com')
assert !new File(plans, 'docker-scs-1-32/workers/control-plane.yaml').text.contains('imageRepository')
def md = new File(plans, 'docker-scs-1-32/workers/md-pool-machine-deployment.yaml').text
assert md.contains('replicas: 2') : md
assert md.contains('version: v1.32.5') : md

def hand = new File(basedir, 'target/hand-written-plans')
assert new File(hand, 'docker-scs-1-32/workers/plan.md').isFile()
assert log.contains('Planned 3 clusters against 1 release in target/hand-written-plans')
