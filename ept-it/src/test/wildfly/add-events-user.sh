#!/usr/bin/env bash
# Adds the application user the integration tests' AMQP consumer logs in as (role ept-events, see
# wildfly-config ept-messaging.cli). Idempotent.   usage: add-events-user.sh <JBOSS_HOME> <user> <password>
set -euo pipefail
jboss_home=${1:?usage: add-events-user.sh <JBOSS_HOME> <user> <password>}
user=${2:?user}
password=${3:?password}
config="$jboss_home/standalone/configuration"
if grep -q "^$user=" "$config/application-users.properties" 2>/dev/null; then
  exit 0
fi
chmod +x "$jboss_home"/bin/*.sh 2>/dev/null || true
bash "$jboss_home/bin/add-user.sh" -a -s -u "$user" -p "$password" -g ept-events -sc "$config"
