// The default definition gives one release folder per Kubernetes version (stable mode: v1), the
// chart folders of generate, the docs, and the release files attached with their classifiers.
def out = new File(basedir, 'target/cluster-stacks')
def log = new File(basedir, 'build.log').text

['1-31', '1-32'].each { minor ->
    def folder = new File(out, "docker-scs-${minor}-v1")
    assert folder.isDirectory() : "missing ${folder}"
    def names = folder.list().toList().sort()
    assert names == ["clusteraddon.yaml", "docker-scs-${minor}-cluster-addon-v1.tgz".toString(),
                     "docker-scs-${minor}-cluster-class-v1.tgz".toString(), 'hashes.json', 'metadata.yaml'] : names
    def metadata = new File(folder, 'metadata.yaml').text
    assert metadata.contains('clusterStack: v1')
    assert metadata.contains('clusterAddon: v1')
    assert metadata.contains('nodeImage: v1')
    assert new File(basedir, "target/cluster-stacks-charts/docker-scs-${minor}/cluster-class/Chart.yaml").isFile()
    assert new File(basedir, "target/cluster-stacks-charts/docker-scs-${minor}/cluster-addon/cni/Chart.yaml").isFile()
    assert new File(basedir, "target/cluster-stacks-charts/docker-scs-${minor}/clusteraddon.yaml").isFile()
}
assert new File(basedir, 'target/cluster-stack-docs/docker-scs.md').text.contains('| `imageRepository` | string |')

assert log.contains('Generated the charts of 2 releases in target/cluster-stacks-charts')
assert log.contains('Built release docker-scs-1-31-v1 (Kubernetes 1.31.9, clusterStack v1, clusterAddon v1, nodeImage v1)')
assert log.contains('Built release docker-scs-1-32-v1 (Kubernetes 1.32.5, clusterStack v1, clusterAddon v1, nodeImage v1)')
// the help goal lists every goal
['clusterstack:generate', 'clusterstack:package', 'clusterstack:verify', 'clusterstack:docs', 'clusterstack:help'].each {
    assert log.contains(it) : "help does not list ${it}"
}
true
