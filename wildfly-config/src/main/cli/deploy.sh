#!/usr/bin/env bash
# Deploys (or redeploys) ept.ear to a running WildFly configured by configure.sh.
#   usage: deploy.sh <JBOSS_HOME> <path/to/ept.ear> [controller, default localhost:9990]
set -euo pipefail
jboss_home=${1:?usage: deploy.sh <JBOSS_HOME> <ept.ear> [controller]}
ear=${2:?usage: deploy.sh <JBOSS_HOME> <ept.ear> [controller]}
controller=${3:-localhost:9990}
bash "$jboss_home/bin/jboss-cli.sh" -c --controller="$controller" --command="deploy --force --name=ept.ear $ear"
echo "ept.ear deployed to $controller"
