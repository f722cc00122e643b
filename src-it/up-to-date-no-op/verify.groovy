// Up to date: the second build of unchanged inputs writes no file and says so in one line per goal.
import java.time.Instant

def log = new File(basedir, 'build.log').text
assert log.count('Built release docker-scs-1-32-v1') == 1
assert log.count('Cluster stack releases are up to date (2 releases), nothing written') == 1
assert log.count('Cluster stack charts are up to date (2 releases), nothing written') == 1
assert log.count('Cluster stack docs are up to date (1 stack), nothing written') == 1

// every output file is older than the end of the first build ("Finished at" of invocation 1)
def finished = (log =~ /Finished at: (\S+)/).collect { Instant.parse(it[1].replaceAll(/([+-]\d\d):?(\d\d)$/, '$1:$2').replace('Z', '+00:00').with { s -> java.time.OffsetDateTime.parse(s).toInstant().toString() }) }
assert finished.size() == 2 : finished
def firstEnd = finished[0].plusSeconds(1)
def outputs = []
['target/cluster-stacks', 'target/cluster-stacks-charts', 'target/cluster-stack-docs'].each { dir ->
    new File(basedir, dir).eachFileRecurse(groovy.io.FileType.FILES) { outputs << it }
}
assert outputs.size() > 20
outputs.each { f ->
    def modified = Instant.ofEpochMilli(f.lastModified())
    assert modified.isBefore(firstEnd) : "${f} was written at ${modified}, after the first build ended at ${finished[0]}"
}
// and the second build did start after that
assert finished[1].isAfter(firstEnd)
true
