// Starts a real OCI registry (Debian's docker-registry) on 127.0.0.1 at a free port, storing in this
// folder, and writes the plugin properties that point the builds at it. verify.groovy stops it; so does
// the end of the outer build, and the server ends by itself after 15 minutes at the latest.
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

def port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
def data = new File(basedir, 'registry-data')
data.mkdirs()
def config = new File(basedir, 'registry-config.yml')
config.text = """\
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${data.absolutePath}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port}
"""
def command = ['docker-registry', 'serve', config.absolutePath]
if (System.getenv('PATH').split(File.pathSeparator).any { new File(it, 'timeout').canExecute() }) {
    command = ['timeout', '900'] + command
}
def process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(new File(basedir, 'registry.log')).start()
Runtime.runtime.addShutdownHook(new Thread({ process.destroy() }))
new File(basedir, 'registry.pid').text = String.valueOf(process.pid())

def http = HttpClient.newHttpClient()
def ready = false
for (int i = 0; i < 300 && !ready && process.alive; i++) {
    try {
        ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}/v2/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200
    } catch (IOException e) {
        Thread.sleep(100)
    }
}
if (!ready) {
    process.destroy()
    throw new IllegalStateException('docker-registry did not start: ' + new File(basedir, 'registry.log').text)
}
def address = "oci://127.0.0.1:${port}/stacks"
new File(basedir, 'registry.properties').text = """\
clusterstack.baseline=${address}
clusterstack.baseline.plainHttp=true
clusterstack.publish.repository=${address}
clusterstack.publish.plainHttp=true
"""
println "Started docker-registry on 127.0.0.1:${port} (pid ${process.pid()})"
true
