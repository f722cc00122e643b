// Stable mode: v1 first; a rebuild of the same content keeps v1; changed addons give v2 with
// clusterAddon v2 and nodeImage v1 (csctl's rules), next to the previous release.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/cluster-stacks')
// nothing but the complete release folders: staging and lock are next to the output folder
assert out.list().sort() ==
        ['docker-scs-1-31-v1', 'docker-scs-1-31-v2', 'docker-scs-1-32-v1', 'docker-scs-1-32-v2']
assert !new File(basedir, 'target/.cluster-stacks.staging').exists()
assert new File(basedir, 'target/.cluster-stacks.lock').isFile()

assert log.contains('Built release docker-scs-1-32-v1 (Kubernetes 1.32.5, clusterStack v1, clusterAddon v1, nodeImage v1)\n')
assert log.contains('Built release docker-scs-1-32-v1 (Kubernetes 1.32.5, clusterStack v1, clusterAddon v1, nodeImage v1, content unchanged: versions kept)')
assert log.contains('Built release docker-scs-1-32-v2 (Kubernetes 1.32.5, clusterStack v2, clusterAddon v2, nodeImage v1)')

['1-31', '1-32'].each { minor ->
    def v2 = new File(out, "docker-scs-${minor}-v2")
    def metadata = new File(v2, 'metadata.yaml').text
    assert metadata.contains('clusterStack: v2') && metadata.contains('clusterAddon: v2') && metadata.contains('nodeImage: v1') : metadata
    assert new File(v2, "docker-scs-${minor}-cluster-addon-v2.tgz").isFile()
    def v1 = new File(out, "docker-scs-${minor}-v1/metadata.yaml").text
    assert v1.contains('clusterStack: v1') && v1.contains('clusterAddon: v1')
}
true
