// Each skip logs exactly one line and writes nothing.
def log = new File(basedir, 'build.log').text
['generate', 'package', 'verify', 'docs'].each { goal ->
    assert log.count("Skipping clusterstack:${goal} (clusterstack.skip=true)") == 1 : goal
    assert log.count("Skipping clusterstack:${goal} (clusterstack.${goal}.skip=true)") == 1 : goal
    assert log.count("Skipping clusterstack:${goal}") == 2 : goal
}
assert !new File(basedir, 'target/cluster-stacks').exists()
assert !new File(basedir, 'target/cluster-stacks-charts').exists()
assert !new File(basedir, 'target/cluster-stack-docs').exists()
assert !new File(basedir, 'target/clusterstack').exists()
true
