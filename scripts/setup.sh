#!/usr/bin/env bash
# Installs what Linguacodus needs on Debian (only what is missing), then restores and builds.
# Idempotent and quiet when everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(bubblewrap util-linux chromium python3-pandas python3-sklearn python3-numpy python3-scipy python3-matplotlib
  python3-statsmodels python3-nbformat jupyter-nbconvert python3-ipykernel python3-xgboost python3-vega-datasets python3-pil)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Generated code runs as an unprivileged user when the app runs as root: process limits (RLIMIT_NPROC) do not
# apply to root, so a fork bomb would otherwise reach the host. The kernel counts that limit per user, so each
# execution slot has its own user (name-1 ... name-N, N >= Execution:MaxConcurrentRuns); the plain name runs the
# self-test and any slot without its own user. No login shell, no home, no password.
sandbox_user="${LINGUACODUS_SANDBOX_USER:-linguacodus-sandbox}"
sandbox_slots="${LINGUACODUS_SANDBOX_SLOTS:-4}"
for user in "$sandbox_user" $(seq -f "$sandbox_user-%g" 1 "$sandbox_slots"); do
  if ! getent passwd "$user" >/dev/null; then
    echo "Creating the sandbox user $user"
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --comment "Linguacodus sandbox (runs generated code)" "$user"
  fi
done

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (https://dot.net); install it and run this again." >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build Linguacodus.sln -c "${CONFIGURATION:-Debug}" -v quiet -nologo -clp:ErrorsOnly
