#!/usr/bin/env bash
# Undeploys ept.ear from a running WildFly and removes its content (nothing to do when it is not deployed).
#   usage: undeploy.sh <JBOSS_HOME> [controller, default localhost:9990]
set -euo pipefail
jboss_home=${1:?usage: undeploy.sh <JBOSS_HOME> [controller]}
controller=${2:-localhost:9990}
cli() { bash "$jboss_home/bin/jboss-cli.sh" -c --controller="$controller" "$@"; }
if cli --command='/deployment=ept.ear:read-resource' 2>/dev/null | grep -q '"outcome" => "success"'; then
  cli --command="undeploy ept.ear"
  echo "ept.ear undeployed from $controller"
else
  echo "ept.ear is not deployed on $controller"
fi
