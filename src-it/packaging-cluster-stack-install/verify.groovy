// The packaging binds generate, package, verify, plan and install; install puts the bundle (main artifact),
// the pom and every release file (with its classifier) into the local repository, also when the
// second build finds everything up to date.
import java.util.zip.GZIPInputStream

def log = new File(basedir, 'build.log').text
def goals = (log =~ /--- ([a-z-]+):[^:]+:([a-z-]+) \(default-([a-z-]+)\)/).collect { it[1] + ':' + it[2] }
assert goals == ['clusterstack-maven-plugin:generate', 'clusterstack-maven-plugin:package',
                 'clusterstack-maven-plugin:verify', 'clusterstack-maven-plugin:plan', 'maven-install-plugin:install'] * 2 : goals
assert log.count('Built release docker-scs-1-32-v1') == 1
assert log.count('Cluster stack releases are up to date (1 release), nothing written') == 1
assert log.count('Verified release docker-scs-1-32-v1') == 1

def dir = new File(localRepositoryPath, 'dev/clusterstack/it/packaging-cluster-stack-install/1.0')
def base = 'packaging-cluster-stack-install-1.0'
def expected = ["${base}.pom", "${base}.tgz",
                "${base}-docker-scs-1-32-cluster-class.tgz", "${base}-docker-scs-1-32-cluster-addon.tgz",
                "${base}-docker-scs-1-32-metadata.yaml", "${base}-docker-scs-1-32-clusteraddon.yaml",
                "${base}-docker-scs-1-32-hashes.json"]*.toString()
expected.each { assert new File(dir, it).isFile() : "not installed: ${it}" }
assert log.count("${base}.tgz to ") == 2 : 'the bundle is installed by both builds'

// the bundle holds the release folder
def tar = new GZIPInputStream(new FileInputStream(new File(dir, "${base}.tgz"))).bytes
def text = new String(tar, 'ISO-8859-1')
['docker-scs-1-32-v1/metadata.yaml', 'docker-scs-1-32-v1/docker-scs-1-32-cluster-class-v1.tgz', 'docker-scs-1-32-v1/hashes.json'].each {
    assert text.contains(it) : "bundle lacks ${it}"
}
assert new File(dir, "${base}-docker-scs-1-32-metadata.yaml").text.contains('clusterStack: v1')
true
