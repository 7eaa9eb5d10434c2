#!/usr/bin/env bash
# Lighthouse 13 on every page of a running EPT, logged in as admin, with the desktop and the mobile preset.
# Prints one table (performance, largest contentful paint, accessibility, best practices, page weight, failing
# audits) and keeps every report as JSON in target/bench/lighthouse/.
#   usage: lighthouse.sh [base URL, default http://localhost:8080/ept/]   (EPT_PORT_OFFSET shifts the default)
# Needs node/npx (fetches lighthouse@13 once) and Chromium (CHROME_PATH, default /usr/bin/chromium).
# The admin password: EPT_ADMIN_PASSWORD, else .ept/admin-password of this worktree (as ./ept uses it).
# Pages: LIGHTHOUSE_PAGES (space separated) overrides the list below; LIGHTHOUSE_PRESETS="desktop mobile".
# LIGHTHOUSE_RUNS=N runs every page and preset N times (default 1) and prints each figure's median (the scores move
# between runs on a shared machine: the mobile preset simulates the slow link from the server times it observes).
# LIGHTHOUSE_ARGS: more Lighthouse options (e.g. --blocked-url-patterns=... to see what a resource costs).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
base=${1:-http://localhost:$((8080 + ${EPT_PORT_OFFSET:-0}))/ept/}
out="$root/target/bench/lighthouse"
mkdir -p "$out"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
pages=${LIGHTHOUSE_PAGES:-"login.xhtml index.xhtml dashboard.xhtml?fabric=demo endpoints.xhtml?fabric=demo endpoint.xhtml?fabric=demo&vnid=2818048&addr=10.1.2.12 findings.xhtml?fabric=demo&kind=moves settings.xhtml?fabric=demo queues.xhtml users.xhtml"}
presets=${LIGHTHOUSE_PRESETS:-"desktop mobile"}
runs=${LIGHTHOUSE_RUNS:-1}
read -r -a extra_args <<< "${LIGHTHOUSE_ARGS:-}"

password=${EPT_ADMIN_PASSWORD:-$(cat "$root/.ept/admin-password")}
password=${password//\\/\\\\}; password=${password//\"/\\\"}
# the session goes through a file only we can read, never on a command line; each page gets a fresh Chromium
# (empty cache) that holds it as a cookie, as a browser that logged in does (Lighthouse's --extra-headers would not
# reach the dashboard's websocket)
session=$(umask 077; mktemp)
profile=""
chrome_pid=""
cleanup() { if [ -n "$chrome_pid" ]; then kill "$chrome_pid" 2>/dev/null || true; fi; if [ -n "$profile" ]; then rm -rf "$profile"; fi; rm -f "$session"; }
trap cleanup EXIT
printf '{"username":"admin","password":"%s"}' "$password" \
  | curl -fsS -m 30 -X POST -H 'Content-Type: application/json' "${base}api/user/login" --data-binary @- > "$session"
port=${LIGHTHOUSE_CHROME_PORT:-9322}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

start_chrome() { # $1: logged in (1) or not
  profile=$(mktemp -d)
  "$CHROME_PATH" --headless=new --no-sandbox --disable-dev-shm-usage --no-first-run --disable-gpu \
    --remote-debugging-port="$port" --user-data-dir="$profile" about:blank >/dev/null 2>&1 &
  chrome_pid=$!
  for _ in $(seq 1 50); do curl -fs -m 1 "http://127.0.0.1:$port/json/version" >/dev/null 2>&1 && break; sleep 0.2; done
  if [ "$1" = 1 ]; then node --experimental-websocket --no-warnings "$here/set-cookie.mjs" "$port" "$base" "$session"; fi
}
stop_chrome() {
  kill "$chrome_pid" 2>/dev/null || true; wait "$chrome_pid" 2>/dev/null || true; chrome_pid=""
  # Chromium's helper processes may still write to the profile for a moment after the browser exits
  rm -rf "$profile" 2>/dev/null || { sleep 1; rm -rf "$profile" || true; }; profile=""
}

printf '| page | preset | performance | LCP | accessibility | best practices | weight KiB | failing audits |\n|---|---|---|---|---|---|---|---|\n'
for page in $pages; do
  name=$(printf '%s' "${page%%.xhtml*}")
  for preset in $presets; do
    reports=(); failed=""
    for run in $(seq 1 "$runs"); do
      report="$out/$name-$preset.json"
      [ "$runs" = 1 ] || report="$out/$name-$preset-$run.json"
      args=(--quiet --output=json --output-path="$report" --port="$port" --disable-storage-reset
            --only-categories=performance,accessibility,best-practices "${extra_args[@]}")
      [ "$preset" = desktop ] && args+=(--preset=desktop)
      if [ "$name" = login ]; then start_chrome 0; else start_chrome 1; fi
      rc=0; npx -y lighthouse@13 "$base$page" "${args[@]}" >/dev/null 2>"${report%.json}.log" || rc=$?
      stop_chrome
      if [ "$rc" = 0 ]; then reports+=("$report"); else failed="${report%.json}.log"; fi
    done
    [ -z "$failed" ] || { echo "| $name | $preset | lighthouse failed, see $failed |"; continue; }
    python3 - "$name" "$preset" "${reports[@]}" <<'PY'
import json, statistics, sys
name, preset, files = sys.argv[1], sys.argv[2], sys.argv[3:]
reports = [json.load(open(f)) for f in files]
def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
def score(key):
    s = median([r["categories"][key]["score"] for r in reports])
    return "-" if s is None else "%.2f" % s
def audit(key):
    return median([r["audits"][key]["numericValue"] for r in reports])
# an audit counts as failing when it fails in any run
failing = sorted({k for r in reports for k, v in r["audits"].items() if v.get("score") is not None and v["score"] < 1
                  and v.get("scoreDisplayMode") in ("binary",)})
runs = "" if len(reports) == 1 else " (median of %d: %s)" % (len(reports), " ".join(
    "%.2f" % (r["audits"]["largest-contentful-paint"]["numericValue"] / 1000) for r in reports))
print("| %s | %s | %s | %.2f s%s | %s | %s | %d | %s |" % (name, preset, score("performance"),
      audit("largest-contentful-paint") / 1000, runs, score("accessibility"), score("best-practices"),
      audit("total-byte-weight") / 1024, " ".join(failing)))
PY
  done
done
