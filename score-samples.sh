#!/usr/bin/env bash
# Builds the engine and scores data-samples/ into out/latest (a link to the newest complete run).
set -euo pipefail
cd "$(dirname "$0")"
dotnet run --project src/Analytics.Cli -c Release -- score --input data-samples --config data-samples/config.yaml --output out/latest "$@"
