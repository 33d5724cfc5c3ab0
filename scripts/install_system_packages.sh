#!/usr/bin/env bash
# Install the system packages the test infrastructure needs, if missing (Debian/Ubuntu).
#
#   postgresql               scripts/postgres_server.py (initdb, pg_ctl, psql)
#   chromium                 browser tests
#   wrk                      HTTP benchmarks
#   openjdk-17-jdk-headless  Elasticsearch test node + compiling its analysis plugin (javac)
#   maven                    fetching the Elasticsearch distribution (mvn dependency:get)
#   varnish                  the caching proxy (make serve, proxy tests, benchmarks)
#   npm                      fetching the Nu Html Checker (scripts/install_vnu.sh)
#   redis-server             the shared cache and session store (make serve, the stack tests)
#   nginx                    the static-file ceiling in benchmarks/serving.py
#
# Idempotent: does nothing when everything is present. Runs `apt-get update`
# only if an install fails (e.g. stale or empty package lists), once.
# Usage: scripts/install_system_packages.sh [--check] [PACKAGE...]
#   --check: only report, exit 1 if missing; PACKAGE...: only these (default: all above)
set -euo pipefail

all_packages=(postgresql chromium wrk openjdk-17-jdk-headless maven npm varnish redis-server nginx)
check_only=0
if [[ "${1:-}" == "--check" ]]; then
    check_only=1
    shift
fi
wanted=("$@")
[[ ${#wanted[@]} -gt 0 ]] || wanted=("${all_packages[@]}")
for package in "${wanted[@]}"; do
    if [[ " ${all_packages[*]} " != *" $package "* ]]; then
        echo "usage: $0 [--check] [PACKAGE...]   (packages: ${all_packages[*]})" >&2
        exit 2
    fi
done

have_postgresql() {
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        [[ -x "$bin/initdb" && -x "$bin/pg_ctl" && -x "$bin/psql" ]] && return 0
    done
    return 1
}

have_chromium() {
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}

have_wrk() {
    command -v wrk >/dev/null 2>&1
}

have_jdk() {
    # a JDK >= 17 with javac, where scripts/elasticsearch_node.py looks for one
    local home version
    for home in ${ES_JAVA_HOME:-} /usr/lib/jvm/*; do
        [[ -n "$home" && -x "$home/bin/javac" && -r "$home/release" ]] || continue
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
        [[ -n "$version" && "$version" -ge 17 ]] && return 0
    done
    return 1
}

have_maven() {
    command -v mvn >/dev/null 2>&1
}

have_npm() {
    command -v npm >/dev/null 2>&1
}

have_varnish() {
    [[ -x /usr/sbin/varnishd ]] && command -v varnishadm >/dev/null 2>&1
}

have_nginx() {
    [[ -x /usr/sbin/nginx ]]
}

have_redis() {
    command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1
}

have() {
    case "$1" in
        openjdk-17-jdk-headless) have_jdk ;;
        redis-server) have_redis ;;
        *) "have_$1" ;;
    esac
}

not_found() {
    local package
    for package in "${wanted[@]}"; do
        have "$package" || echo "$package"
    done
}

mapfile -t missing < <(not_found)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "system packages: all present"
    exit 0
fi

if [[ $check_only -eq 1 ]]; then
    echo "system packages missing: ${missing[*]}" >&2
    exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "error: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    exit 1
fi

log=$(mktemp -t install-system-packages.XXXXXX.log)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive

apt_install() {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1
}

fail() {
    echo "error: $1" >&2
    echo "----- last lines of the apt-get output -----" >&2
    tail -n 25 "$log" >&2
    exit 1
}

echo "installing: ${missing[*]}"
if ! apt_install; then
    echo "apt-get install failed; running apt-get update and retrying"
    "${sudo[@]}" apt-get update -q >>"$log" 2>&1 || fail "apt-get update failed"
    apt_install || fail "apt-get install ${missing[*]} failed"
fi

# verify
mapfile -t still < <(not_found)
if [[ ${#still[@]} -gt 0 ]]; then
    fail "installed, but still not found: ${still[*]}"
fi
echo "system packages: installed ${missing[*]}"
