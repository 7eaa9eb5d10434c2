#!/usr/bin/env bash
# Makes a WildFly base directory (its configuration/standalone-full.xml already configured by configure.sh) a node
# of an EPT cluster: JMS through the shared Artemis broker (ept-cluster-messaging.cli), offline, embedded server.
# Idempotent. The node then needs -Dept.broker.host, -Dept.broker.port and, in its environment, EPT_BROKER_USER and
# EPT_BROKER_PASSWORD (see ept-cluster-messaging.cli).
#   usage: configure-cluster-node.sh <JBOSS_HOME> <BASE_DIR>
set -euo pipefail
jboss_home=${1:?usage: configure-cluster-node.sh <JBOSS_HOME> <BASE_DIR>}
base_dir=${2:?usage: configure-cluster-node.sh <JBOSS_HOME> <BASE_DIR>}
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$base_dir/configuration/standalone-full.xml" ] || { echo "no $base_dir/configuration/standalone-full.xml" >&2; exit 1; }
tmp=$(mktemp)
log_dir=$(mktemp -d)
trap 'rm -rf "$tmp" "$log_dir"' EXIT
{
  echo "embed-server --server-config=standalone-full.xml --std-out=discard"
  cat "$here/ept-cluster-messaging.cli"
  echo "stop-embedded-server"
} > "$tmp"
JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.base.dir=$base_dir -Djboss.server.log.dir=$log_dir" \
  bash "$jboss_home/bin/jboss-cli.sh" --file="$tmp"
echo "EPT cluster messaging configuration applied to $base_dir"
