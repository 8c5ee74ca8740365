#!/usr/bin/env bash
# Sets up (Debian packages, restore, build) and starts the web app on 127.0.0.1; it prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGURATION=Release scripts/setup.sh
exec dotnet artifacts/bin/Linguacodus.Web/release/linguacodus.dll "$@"
