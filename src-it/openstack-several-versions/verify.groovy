// One release per Kubernetes version, each with its own data, rendered and linted by Helm (verify).
import java.util.zip.GZIPInputStream

/** The text files of a .tgz, by entry name (a minimal ustar reader: the project writes plain ustar/PAX). */
def untar = { File tgz ->
    def entries = [:]
    def bytes = new GZIPInputStream(new FileInputStream(tgz)).bytes
    int pos = 0
    String paxPath = null
    while (pos + 512 <= bytes.length) {
        def header = Arrays.copyOfRange(bytes, pos, pos + 512)
        if (header.every { it == 0 }) break
        def name = new String(header, 0, 100, 'UTF-8').replaceAll('\u0000.*', '')
        def prefix = new String(header, 345, 155, 'UTF-8').replaceAll('\u0000.*', '')
        long size = Long.parseLong(new String(header, 124, 12, 'US-ASCII').replaceAll('[\u0000 ]', '') ?: '0', 8)
        char type = (char) header[156]
        def data = new String(bytes, pos + 512, (int) size, 'UTF-8')
        if (type == 'x' as char) {
            def m = data =~ /\d+ path=([^\n]*)\n/
            paxPath = m.find() ? m.group(1) : null
        } else if (type == '0' as char || type == '\u0000' as char) {
            entries[paxPath ?: (prefix ? prefix + '/' + name : name)] = data
            paxPath = null
        }
        pos += 512 + (int) (((size + 511) / 512) as long) * 512
    }
    entries
}

def out = new File(basedir, 'target/cluster-stacks')
def log = new File(basedir, 'build.log').text
[['1-31', 'v1.31.9', '2.31.3'], ['1-32', 'v1.32.5', '2.32.0'], ['1-33', 'v1.33.1', '2.33.0']].each { minor, tag, occm ->
    def folder = new File(out, "openstack-scs-${minor}-v1")
    assert new File(folder, 'metadata.yaml').text.contains("kubernetes: ${tag}")
    def config = new File(folder, 'clusteraddon.yaml').text
    assert config.contains('name: cni') && config.contains('name: ccm')
    def addons = untar(new File(folder, "openstack-scs-${minor}-cluster-addon-v1.tgz"))
    assert addons['ccm/Chart.yaml'].contains("version: \"${occm}\"") : addons['ccm/Chart.yaml']
    assert addons['ccm/overwrite.yaml'].contains('{{ .Cluster.metadata.name }}')
    def chart = untar(new File(folder, "openstack-scs-${minor}-cluster-class-v1.tgz"))
    def machine = chart["openstack-scs-${minor}-cluster-class/templates/openstackmachinetemplate-machine.yaml"]
    assert machine != null : chart.keySet()
    assert machine.contains("ubuntu-capi-image-${tag}")
    assert log.contains("Verified release openstack-scs-${minor}-v1 (")
}
assert log.contains('Verified 3 cluster stack releases')
assert new File(basedir, 'target/cluster-stack-docs/openstack-scs.md').text.contains('## Kubernetes 1.33.1 (`openstack-scs-1-33`)')
true
