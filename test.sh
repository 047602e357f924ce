#!/usr/bin/env bash
# Runs every test (unit, golden, property, end-to-end, browser) and a dry run of the benchmarks.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Analytics.sln -c Release --nologo -v q
