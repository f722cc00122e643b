#!/bin/bash
# copied as written: [=kubernetes.version] stays text here
ARGS=(--kubeconfig /etc/kubernetes/admin.conf "$@")
kubectl "${ARGS[@]}" get nodes  # ${#ARGS[@]} arguments
