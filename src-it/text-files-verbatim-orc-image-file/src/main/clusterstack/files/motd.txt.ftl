Kubernetes [=kubernetes.version] node of the [=stack.name] stack
