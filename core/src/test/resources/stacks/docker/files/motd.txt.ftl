Node of the [=stack.provider] [=stack.name] stack, Kubernetes [=kubernetes.version].
Shell stays shell: ${HOSTNAME} `uname -r` {{ not helm }}
