#!/usr/bin/env bash
# Install the Nu Html Checker (vnu.jar, from npm's vnu-jar package) into .cache/vnu, once.
#
# tests/test_markup.py runs it on every page kind with the JDK that
# scripts/install_system_packages.sh installs. This is the only place it is downloaded:
# the tests never fetch anything.
# Usage: scripts/install_vnu.sh   (prints the path of vnu.jar)
set -euo pipefail

VNU_VERSION=26.9.27
root=$(cd "$(dirname "$0")/.." && pwd)
prefix="$root/.cache/vnu"
jar="$prefix/node_modules/vnu-jar/build/dist/vnu.jar"
stamp="$prefix/version"

if [[ -f "$jar" && "$(cat "$stamp" 2>/dev/null)" == "$VNU_VERSION" ]]; then
    echo "$jar"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is needed to install the Nu Html Checker (apt-get install npm)" >&2
    exit 1
fi

mkdir -p "$prefix"
log="$prefix/npm.log"
if ! npm install --prefix "$prefix" --no-audit --no-fund --no-save "vnu-jar@$VNU_VERSION" >"$log" 2>&1; then
    echo "error: npm install vnu-jar@$VNU_VERSION failed:" >&2
    tail -n 25 "$log" >&2
    exit 1
fi
[[ -f "$jar" ]] || { echo "error: npm installed vnu-jar but $jar is missing" >&2; exit 1; }
echo "$VNU_VERSION" >"$stamp"
echo "$jar"
