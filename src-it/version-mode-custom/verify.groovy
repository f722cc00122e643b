// Custom mode: folder, archive names and metadata.yaml carry exactly the configured versions.
['1-31', '1-32'].each { minor ->
    def folder = new File(basedir, "target/cluster-stacks/docker-scs-${minor}-v3")
    assert folder.isDirectory() : "missing ${folder}"
    assert new File(folder, "docker-scs-${minor}-cluster-class-v3.tgz").isFile()
    assert new File(folder, "docker-scs-${minor}-cluster-addon-v2.tgz").isFile()
    def metadata = new File(folder, 'metadata.yaml').text
    assert metadata.contains('clusterStack: v3') && metadata.contains('clusterAddon: v2') && metadata.contains('nodeImage: v1') : metadata
}
// generate writes the charts with the custom versions
assert new File(basedir, 'target/cluster-stacks-charts/docker-scs-1-32/cluster-class/Chart.yaml').text.contains('version: v3')
assert new File(basedir, 'target/cluster-stacks').list().sort() == ['docker-scs-1-31-v3', 'docker-scs-1-32-v3']
true
