#!/usr/bin/env bash
# Removes EPT's configuration from a running WildFly (after undeploy.sh), leaving a stock standalone-full server.
#   usage: remove.sh <JBOSS_HOME> [controller, default localhost:9990]
set -euo pipefail
jboss_home=${1:?usage: remove.sh <JBOSS_HOME> [controller]}
controller=${2:-localhost:9990}
here=$(cd "$(dirname "$0")" && pwd)
cli() { bash "$jboss_home/bin/jboss-cli.sh" -c --controller="$controller" "$@"; }
if [ "$(cli --command='/deployment=ept.ear:read-resource' 2>/dev/null | grep -c '"outcome" => "success"')" != 0 ]; then
  echo "ept.ear is still deployed: run undeploy.sh first" >&2; exit 1
fi
cli --file="$here/ept-remove.cli"
cli --command=reload
for _ in $(seq 1 60); do
  cli --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break; sleep 1
done
cli --file="$here/ept-remove-metrics.cli"
cli --command=reload
for _ in $(seq 1 60); do
  cli --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break; sleep 1
done
echo "EPT configuration removed from $controller"
