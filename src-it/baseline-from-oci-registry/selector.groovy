// Runs only where Debian's docker-registry (the CNCF distribution server) is installed.
def found = System.getenv('PATH').split(File.pathSeparator).any { new File(it, 'docker-registry').canExecute() }
if (!found) {
    println 'SKIPPED baseline-from-oci-registry: docker-registry not installed (apt-get install docker-registry)'
}
return found
