#!/usr/bin/env bash
# Undeploys ept.ear from a running WildFly and removes its content.
#   usage: undeploy.sh <JBOSS_HOME> [controller, default localhost:9990]
set -euo pipefail
jboss_home=${1:?usage: undeploy.sh <JBOSS_HOME> [controller]}
controller=${2:-localhost:9990}
bash "$jboss_home/bin/jboss-cli.sh" -c --controller="$controller" \
  --command="if (outcome == success) of /deployment=ept.ear:read-resource
    undeploy ept.ear
end-if"
echo "ept.ear undeployed from $controller"
