// Hash mode: every version is v0-sha.<7 chars of the cluster stack hash>, the same for all three components.
def names = new File(basedir, 'target/cluster-stacks').list().findAll { !it.startsWith('.') }.sort()
assert names.size() == 2 : names
def hashes = [:]
names.each { name ->
    def m = name =~ /^docker-scs-(1-3[12])-(v0-sha\.[a-z0-9]{7})$/
    assert m.matches() : name
    def minor = m.group(1)
    def version = m.group(2)
    hashes[minor] = version
    def folder = new File(basedir, "target/cluster-stacks/${name}")
    assert new File(folder, "docker-scs-${minor}-cluster-class-${version}.tgz").isFile()
    assert new File(folder, "docker-scs-${minor}-cluster-addon-${version}.tgz").isFile()
    def metadata = new File(folder, 'metadata.yaml').text
    ['clusterStack', 'clusterAddon', 'nodeImage'].each { assert metadata.contains("${it}: ${version}") : metadata }
}
// the two Kubernetes versions differ in content, so in hash
assert hashes['1-31'] != hashes['1-32']
true
