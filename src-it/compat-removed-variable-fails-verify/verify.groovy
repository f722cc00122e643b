// Upgrade safety in verify: v1 has nothing to upgrade from; v2 drops imageRepository, which the test cluster sets,
// so verify fails naming the variable, the rule and the cluster file; the compat goal says the same of the two
// folders. The notes lie beside the release folders, nothing is added inside them.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/cluster-stacks')
assert out.list().sort() == ['docker-scs-1-32-v1', 'docker-scs-1-32-v2']

assert log.contains('Release docker-scs-1-32-v1: no earlier release in target/cluster-stacks to upgrade from, nothing to check')
def error = 'docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v1: imageRepository: variable imageRepository is' +
        ' removed; clusters that set it fail with "variable is not defined" [clusterstack rule variable-removed' +
        ' (this project\'s, not Cluster API\'s): a variable or property a cluster may set is gone: Cluster API refuses' +
        ' the cluster\'s value as not defined]; set by the test cluster src/test/clusterstack/clusters/upgrading.yaml:13'
assert log.contains('Upgrade compatibility check failed: 1 error (clusters on an earlier release could not upgrade):\n' +
        '[ERROR]   ' + error)
// once by verify (invocation 2), once by the compat goal (invocation 3)
assert log.count(error) == 2
assert log.count('BUILD FAILURE') == 2

def notes = new File(basedir, 'target/cluster-stacks-notes')
assert notes.list().sort() == ['docker-scs-1-32-v1.md', 'docker-scs-1-32-v2.md']
def v2 = new File(notes, 'docker-scs-1-32-v2.md').text
assert v2.contains('## Upgrade from docker-scs-1-32-v1\n')
assert v2.contains('### Variables\n\n- removed: imageRepository\n')
assert v2.contains('### Patches\n\n- removed: imageRepository\n')
assert new File(basedir, 'target/pair-notes/docker-scs-1-32-v2.md').text == v2

out.eachFile { release ->
    assert !release.list().any { it.endsWith('.md') } : release
}
true
