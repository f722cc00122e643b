// Upgrade preview in verify: the test cluster is planned under v1 and v2; only the control plane file changed, so
// its control plane machines roll out and its workers do not; the notes carry the preview.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/cluster-stacks').list().sort() == ['docker-scs-1-32-v1', 'docker-scs-1-32-v2']
assert log.count('BUILD SUCCESS') == 2
def line = log.readLines().find { it.contains('docker-scs-1-32-v2: upgrade from docker-scs-1-32-v1: cluster') }
assert line != null : log
assert line.startsWith('[INFO] docker-scs-1-32-v2: upgrade from docker-scs-1-32-v1: cluster' +
        ' `src/test/clusterstack/clusters/workers.yaml`: control plane machines roll out (') : line
assert line.contains('/spec/kubeadmConfigSpec/files/0/content') : line
assert !line.contains('machines of machine deployment') : line
assert log.contains('Compared release docker-scs-1-32-v2 with docker-scs-1-32-v1: clusters can upgrade (0 warnings)')

def notes = new File(basedir, 'target/cluster-stacks-notes/docker-scs-1-32-v2.md').text
assert notes.contains('### Upgrade preview') : notes
assert notes.contains('src/test/clusterstack/clusters/workers.yaml') : notes
assert notes.contains('kept up to date') : notes
assert !notes.contains(basedir.absolutePath) : 'no machine-dependent path in the notes'
true
