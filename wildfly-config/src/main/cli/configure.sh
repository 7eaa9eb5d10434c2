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
{
  echo "embed-server --server-config=$server_config --std-out=discard"
  cat "$here/ept-messaging.cli" "$here/ept-subsystems.cli" "$here/ept-logging.cli" "$here/ept-mail.cli"
  echo "stop-embedded-server"
} > "$tmp"
JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.log.dir=$(mktemp -d)" bash "$jboss_home/bin/jboss-cli.sh" --file="$tmp"
echo "EPT configuration applied to $jboss_home ($server_config)"
