// A fresh checkout continues the versions published to a real registry: unchanged content keeps its
// version, changed content gets the next one; offline, the baseline cached in target/ is used.
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

def props = new Properties()
def propsFile = new File(basedir, 'registry.properties')
if (propsFile.isFile()) {
    propsFile.withInputStream { props.load(it) }
}
def address = props.getProperty('clusterstack.baseline')
def tags
try {
    assert address != null : 'prebuild.groovy did not start the registry'
    def hostPort = address.substring('oci://'.length(), address.lastIndexOf('/'))
    tags = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://${hostPort}/v2/stacks/tags/list"))
            .build(), HttpResponse.BodyHandlers.ofString()).body()
} finally {
    def pid = new File(basedir, 'registry.pid')
    if (pid.isFile()) {
        ProcessHandle.of(Long.parseLong(pid.text.trim())).ifPresent { p ->
            p.destroy()
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS)
        }
    }
}
assert tags == '{"name":"stacks","tags":["docker-scs-1-31-v1","docker-scs-1-32-v1"]}\n' : tags

def log = new File(basedir, 'build.log').text
def runs = log.split(/Scanning for projects/).findAll { it.contains('BUILD') }
assert runs.size() == 5 : "expected 5 builds, found ${runs.size()}"

// 1: empty registry
assert runs[0].contains("[INFO] Baseline ${address}: no cluster stack releases (tags <provider>-<name>-<maj>-<min>-v<N>) in the repository: stable versions start at v1")
assert runs[0].contains('Built release docker-scs-1-31-v1 (Kubernetes 1.31.9, clusterStack v1, clusterAddon v1, nodeImage v1)')
assert runs[0].contains('Built release docker-scs-1-32-v1 (Kubernetes 1.32.5, clusterStack v1, clusterAddon v1, nodeImage v1)')
assert runs[0].contains("Published release docker-scs-1-32-v1 as ${address.substring(6)}:docker-scs-1-32-v1")

// 2: fresh target/, same content: versions from the registry, kept
def cache = new File(basedir, 'target/clusterstack/baseline-cache').absolutePath
assert runs[1].contains("[INFO] Baseline ${address}: latest releases [docker-scs-1-31-v1, docker-scs-1-32-v1], cached in ")
assert runs[1].contains('Built release docker-scs-1-31-v1 (Kubernetes 1.31.9, clusterStack v1, clusterAddon v1, nodeImage v1, content unchanged: versions kept)')
assert runs[1].contains('Built release docker-scs-1-32-v1 (Kubernetes 1.32.5, clusterStack v1, clusterAddon v1, nodeImage v1, content unchanged: versions kept)')

// 3: fresh target/, 1.32 changed (its class only: the addons and node images are the same)
assert runs[2].contains('Built release docker-scs-1-31-v1 (Kubernetes 1.31.9, clusterStack v1, clusterAddon v1, nodeImage v1, content unchanged: versions kept)')
assert runs[2].contains('Built release docker-scs-1-32-v2 (Kubernetes 1.32.5, clusterStack v2, clusterAddon v1, nodeImage v1)')

// 4: offline from the cache of step 3
assert runs[3].contains("[INFO] Baseline ${address}: offline, using the cached releases [docker-scs-1-31-v1, docker-scs-1-32-v1] in ${cache}")
assert runs[3].contains('Built release docker-scs-1-32-v2 (Kubernetes 1.32.5, clusterStack v2, clusterAddon v1, nodeImage v1)')


// 5: offline without a cache
assert runs[4].contains("offline and no cached baseline for ${address}; run once online")
assert runs[4].contains('BUILD FAILURE')
assert !runs[4].contains('\tat ') : 'no stack trace'
true
