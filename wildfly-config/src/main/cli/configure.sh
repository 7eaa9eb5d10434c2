#!/usr/bin/env bash
# Applies EPT's server configuration to a WildFly installation (offline, embedded server).
# Idempotent: safe to run again on an already configured server.
#   usage: configure.sh <JBOSS_HOME> [server-config, default standalone-full.xml]
set -euo pipefail
jboss_home=${1:?usage: configure.sh <JBOSS_HOME> [server-config]}
server_config=${2:-standalone-full.xml}
here=$(cd "$(dirname "$0")" && pwd)
chmod +x "$jboss_home"/bin/*.sh 2>/dev/null || true
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
log_dir=$(mktemp -d)
{
  echo "embed-server --server-config=$server_config --std-out=discard"
  cat "$here/ept-messaging.cli" "$here/ept-subsystems.cli" "$here/ept-logging.cli" "$here/ept-web.cli" "$here/ept-metrics.cli"
  echo "stop-embedded-server"
  # a second embedded boot: the Prometheus registry's /metrics context can only be added once the metrics
  # subsystem (removed above) is gone from the running model; the registry is a community-stability feature
  echo "embed-server --server-config=$server_config --std-out=discard --stability=community"
  cat "$here/ept-metrics-prometheus.cli"
  echo "stop-embedded-server"
} > "$tmp"
JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.log.dir=$log_dir" bash "$jboss_home/bin/jboss-cli.sh" --file="$tmp"
rm -rf "$log_dir"
echo "EPT configuration applied to $jboss_home ($server_config)"
