// Reproducible: every file of both builds (archives included) has the same SHA-256.
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def tree = { File root ->
    def files = [:]
    root.eachFileRecurse(groovy.io.FileType.FILES) { f -> files[root.toPath().relativize(f.toPath()).toString()] = sha256(f) }
    files
}
def first = tree(new File(basedir, 'build-1'))
def second = tree(new File(basedir, 'build-2'))
assert first.size() == 10 : first.keySet()
assert first.keySet().findAll { it.endsWith('.tgz') }.size() == 4
assert first == second
// the second build really ran after a clean (its state was gone), in the other time zone
def log = new File(basedir, 'build.log').text
assert log.count('Built release docker-scs-1-32-v1') == 2
true
