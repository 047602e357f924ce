#!/usr/bin/env bash
# Installs Debian's chromium package when /usr/bin/chromium is missing; the report's browser test
# (tests/Analytics.EndToEnd.Tests/Report/ReportBrowserTests.cs) renders report.html with it, offline.
# Needs root (CI runs as root). Does nothing when Chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Installing chromium for the report's browser test..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium fonts-dejavu-core
