// Upgrade safety in verify: adding a variable with a default keeps every cluster upgradable; the notes list it.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/cluster-stacks').list().sort() == ['docker-scs-1-32-v1', 'docker-scs-1-32-v2']
assert log.contains('Compared release docker-scs-1-32-v2 with docker-scs-1-32-v1: clusters can upgrade (0 warnings);' +
        ' notes in target/cluster-stacks-notes/docker-scs-1-32-v2.md')
assert !log.contains('Upgrade compatibility check failed')
assert log.count('BUILD SUCCESS') == 2

def notes = new File(basedir, 'target/cluster-stacks-notes/docker-scs-1-32-v2.md').text
assert notes.startsWith('# docker-scs-1-32-v2\n\nKubernetes v1.32.5.\n\n## Upgrade from docker-scs-1-32-v1\n\n')
assert notes.contains('### Compatibility\n\nNo findings: clusters on docker-scs-1-32-v1 can switch to this class.\n')
assert notes.contains('### Variables\n\n- added: workerLabel (optional, default "general")\n')
true
