// Built on two threads at once, both modules give byte for byte what the serial build gave, and
// Maven does not warn about goals that are not thread-safe.
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def tree = { File root ->
    def files = [:]
    root.eachFileRecurse(groovy.io.FileType.FILES) { f -> files[root.toPath().relativize(f.toPath()).toString()] = sha256(f) }
    files
}
def log = new File(basedir, 'build.log').text
assert log.contains('thread count of 2')
assert !log.contains('@threadSafe')
[['stack-a', 10], ['stack-b', 15]].each { module, count ->
    def serial = tree(new File(basedir, "${module}/out-serial"))
    def parallel = tree(new File(basedir, "${module}/out-parallel"))
    assert serial.size() == count : "${module}: ${serial.keySet()}"
    assert serial == parallel : module
}
true
