[=stack.provider]/[=stack.name] cluster stack, Kubernetes [=kubernetes.version].
Managed by Cluster API: changes to this node are lost on the next rollout.
