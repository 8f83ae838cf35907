#!/usr/bin/env sh
# Deploys an overlay in the one safe order (no Helm/Argo hooks here):
#   1. everything except the services' Deployments: namespace, config, Secret (dev), RBAC,
#      Services, Ingress, HPAs, PDBs, dev infrastructure, and the migration Jobs;
#   2. wait until every migration Job completed (services run with MIGRATE_ON_START=false);
#   3. the Deployments, then wait for their rollouts.
# Usage: deploy/k8s/apply.sh dev|prod [extra kubectl flags, e.g. --context kind-switchyard]
set -eu

overlay="${1:?usage: apply.sh dev|prod [kubectl flags]}"
shift
dir="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay"
[ -d "$dir" ] || { echo "no overlay $overlay" >&2; exit 2; }
case "$overlay" in dev) ns=switchyard-dev ;; *) ns=switchyard ;; esac

rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$dir" >"$rendered"

if [ "$overlay" = prod ] && ! kubectl "$@" -n "$ns" get secret switchyard-secrets >/dev/null 2>&1; then
  echo "create the Secret switchyard-secrets in namespace $ns first (deploy/k8s/secret.template.yaml)" >&2
  exit 1
fi

# A Job's pod template cannot change: remove the finished ones so this release's image runs.
kubectl "$@" -n "$ns" delete job -l app.kubernetes.io/component=migration --ignore-not-found

echo "== 1/3 configuration, infrastructure and migrations"
kubectl "$@" apply -f "$rendered" -l 'switchyard/rollout!=after-migrations'

if [ "$overlay" = dev ]; then
  kubectl "$@" -n "$ns" wait --for=condition=available --timeout=300s \
    deployment -l app.kubernetes.io/component=infrastructure
fi

echo "== 2/3 waiting for the migration Jobs"
if kubectl "$@" -n "$ns" get job -l app.kubernetes.io/component=migration -o name | grep -q .; then
  kubectl "$@" -n "$ns" wait --for=condition=complete --timeout=900s job -l app.kubernetes.io/component=migration
fi

echo "== 3/3 services"
kubectl "$@" apply -f "$rendered"
for deployment in $(kubectl "$@" -n "$ns" get deployment -l app.kubernetes.io/component=service -o name); do
  kubectl "$@" -n "$ns" rollout status "$deployment" --timeout=300s
done
