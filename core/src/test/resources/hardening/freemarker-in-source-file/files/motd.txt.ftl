Welcome
to Kubernetes [=kubernetes.versoin]
