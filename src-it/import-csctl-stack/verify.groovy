// 1: the csctl-layout stack imported into the project; 2: built by the packaging's lifecycle; 3: imported again
// without overwrite, refused with nothing written; 4: imported into a folder without a POM.
import java.util.zip.GZIPInputStream

def log = new File(basedir, 'build.log').text
assert log.contains('Imported the cluster stack ' + new File(basedir, 'csctl-stack').canonicalPath
        + ': wrote src/main/clusterstack/stack.yaml and 1 text file beside it') : log
assert log.contains('Import report target/clusterstack-import/report.md: 0 not carried over, 0 warnings, 0 normalised')

def definition = new File(basedir, 'src/main/clusterstack/stack.yaml')
def yaml = definition.text
assert yaml.contains('name: apiServerLogLevel') : yaml
assert new File(basedir, 'src/main/clusterstack/addons/cni/values.yaml').text
        == new File(basedir, 'csctl-stack/cluster-addon/cni/values.yaml').text
def report = new File(basedir, 'target/clusterstack-import/report.md')
assert report.text.contains('## Not carried over (0)') : report.text

// the release of the imported definition, and the ClusterClass in its chart: the variable and patch of the source
def release = new File(basedir, 'target/cluster-stacks/docker-mini-1-31-v1')
assert release.isDirectory()
def archive = new File(release, 'docker-mini-1-31-cluster-class-v1.tgz')
def entries = tarEntries(archive)
def classTemplate = entries.find { it.key.endsWith('templates/cluster-class.yaml') }.value
assert classTemplate.contains('name: apiServerLogLevel') : classTemplate
assert classTemplate.contains('log level (--v).') : classTemplate
assert classTemplate.contains('/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/v') : classTemplate
assert classTemplate.contains('ne .apiServerLogLevel') : classTemplate
assert log.contains('Verified release docker-mini-1-31-v1 (4 objects rendered)') : log
// the plans: the source's patch sets the log level of the test cluster; without the variable the template's own
assert log.contains('Planned 2 clusters against 1 release in target/cluster-stack-plans (0 warnings, 0 uncovered patches)') : log
def plans = new File(basedir, 'target/cluster-stack-plans/docker-mini-1-31')
assert new File(plans, 'verbose/control-plane.yaml').text.contains('v: "4"')
assert new File(plans, 'auto-defaults/control-plane.yaml').text.contains('v: "2"')

// 3: refused, naming the setting; the definition and the report are those of invocation 1 (older than the release)
assert log.contains('<overwrite> (clusterstack.import.overwrite): the project ' + basedir.canonicalPath
        + ' has a stack definition src/main/clusterstack/stack.yaml already; nothing was written: set <overwrite> to replace it') : log
assert definition.lastModified() <= archive.lastModified()
assert report.lastModified() <= archive.lastModified()

// 4: no POM: the current folder is the project; the same definition, byte for byte
def noPom = new File(basedir, 'no-pom/src/main/clusterstack/stack.yaml')
assert noPom.isFile()
assert noPom.bytes == definition.bytes
assert new File(basedir, 'no-pom/target/clusterstack-import/report.md').isFile()

/** The text entries of a .tgz (ustar: 512-byte headers, name at 0, octal size at 124). */
static Map<String, String> tarEntries(File tgz) {
    def bytes = new GZIPInputStream(new FileInputStream(tgz)).bytes
    def out = [:]
    int at = 0
    while (at + 512 <= bytes.length && bytes[at] != 0) {
        def name = new String(bytes, at, 100, 'UTF-8').replaceAll('\u0000.*', '')
        def prefix = new String(bytes, at + 345, 155, 'UTF-8').replaceAll('\u0000.*', '')
        long size = Long.parseLong(new String(bytes, at + 124, 12, 'UTF-8').replaceAll('[\u0000 ]', '') ?: '0', 8)
        out[(prefix ? prefix + '/' : '') + name] = new String(bytes, at + 512, (int) size, 'UTF-8')
        at += 512 + (int) ((size + 511) / 512) * 512
    }
    return out
}
