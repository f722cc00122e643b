// Text files reach the release byte for byte (a script with shell arrays, a values file with
// comments and an empty value), a *.ftl file is evaluated, and the ORC image is image.yaml beside
// the charts.
def folder = new File(basedir, 'target/cluster-stacks/openstack-scs-1-32-v1')
def log = new File(basedir, 'build.log').text
def names = folder.list().toList().sort()
assert names == ['clusteraddon.yaml', 'hashes.json', 'image.yaml', 'metadata.yaml',
                 'openstack-scs-1-32-cluster-addon-v1.tgz', 'openstack-scs-1-32-cluster-class-v1.tgz'] : names

def unpacked = new File(basedir, 'target/unpacked')
unpacked.mkdirs()
names.findAll { it.endsWith('.tgz') }.each {
    assert ['tar', '-xzf', new File(folder, it).path, '-C', unpacked.path].execute().waitFor() == 0
}
def source = new File(basedir, 'src/main/clusterstack')
assert new File(unpacked, 'cni/values.yaml').text == new File(source, 'addons/cni/values.yaml').text
assert new File(unpacked, 'cni/Chart.yaml').text.contains('name: cni')
def cp = new File(unpacked, 'openstack-scs-1-32-cluster-class/templates/kubeadmcontrolplanetemplate-cp.yaml').text
new File(source, 'files/kubectl.sh').readLines().each { assert cp.contains(it) : "${it} not in\n${cp}" }
assert cp.contains('Kubernetes 1.32.5 node of the scs stack')
assert !cp.contains('kind: Image')

def image = new File(folder, 'image.yaml').text
assert image.contains('name: ubuntu-capi-image-v1.32.5') : image
assert image.contains('url: "https://images.example/ubuntu-2204-kube-v1.32.5.qcow2"') : image
assert image.contains('algorithm: sha256') && image.contains('8bfad5cb331480a7530952d8d6ff41155c28b2941f8be7a3f0318ebd1569cf83')
assert !image.contains('namespace') : image
// generate writes the stack folder csctl reads: the image sits in node-image/ beside node-images.yaml
assert new File(basedir, 'target/cluster-stacks-charts/openstack-scs-1-32/node-image/image.yaml').text == image

assert log.contains("src/main/clusterstack/files/kubectl.sh:2:22: warning: templates[1].spec.template.spec"
        + ".kubeadmConfigSpec.files[0].source: 'files/kubectl.sh' is copied as it is, so '[=' here stays text") : log
// the verify goal linted and rendered the release with Helm
assert log.contains('Verified release openstack-scs-1-32-v1 (3 objects rendered)') : log
true
