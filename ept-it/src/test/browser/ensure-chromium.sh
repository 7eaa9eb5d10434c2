#!/usr/bin/env bash
# Makes sure the browser tests (UiBrowserIT) have Debian's headless Chromium and its driver:
# /usr/bin/chromium and /usr/bin/chromedriver. Installs them with apt-get when missing and possible (root, apt).
# Never fails the build: when the browser cannot be installed the browser tests skip and say why.
set -u
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "${EPT_IT_BROWSER_INSTALL:-1}" = 0 ]; then
  echo "ensure-chromium: EPT_IT_BROWSER_INSTALL=0, not installing; the browser tests will skip" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get here; install chromium and chromium-driver by hand to run the browser tests" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "ensure-chromium: not root and no password-less sudo; install chromium and chromium-driver to run the browser tests" >&2
    exit 0
  fi
fi
echo "ensure-chromium: installing Debian's chromium and chromium-driver for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
if $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; then
  echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1) installed" >&2
else
  echo "ensure-chromium: apt-get could not install chromium and chromium-driver; the browser tests will skip" >&2
fi
exit 0
