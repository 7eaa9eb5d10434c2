#!/usr/bin/env bash
# Switches the log format of a WildFly configured for EPT: json (server.log, ept.log and the console as JSON lines
# with the fields fabric, component, endpoint, kind and node) or pattern (WildFly's default text).
#   usage: log-format.sh <JBOSS_HOME> json|pattern [server-config, default standalone-full.xml]
# Offline (server stopped); on a running server run ept-log-json.cli with jboss-cli.sh -c instead.
set -euo pipefail
jboss_home=${1:?usage: log-format.sh <JBOSS_HOME> json|pattern [server-config]}
format=${2:?usage: log-format.sh <JBOSS_HOME> json|pattern [server-config]}
server_config=${3:-standalone-full.xml}
here=$(cd "$(dirname "$0")" && pwd)
case "$format" in json|pattern) ;; *) echo "log format must be json or pattern, not '$format'" >&2; exit 2 ;; esac
tmp=$(mktemp); log_dir=$(mktemp -d)
trap 'rm -rf "$tmp" "$log_dir"' EXIT
{
  echo "embed-server --server-config=$server_config --std-out=discard"
  cat "$here/ept-log-$format.cli"
  echo "stop-embedded-server"
} > "$tmp"
JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.log.dir=$log_dir" bash "$jboss_home/bin/jboss-cli.sh" --file="$tmp" >/dev/null
echo "log format of $jboss_home ($server_config): $format"
