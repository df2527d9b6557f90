# Shared by script/demo and script/test: make sure what the build and the tests need is here.
# Sourced, not run.

# The Debian packages the build needs: libsystemd for the systemd journal (CSystemd), SQLite
# for the journal database (GRDB over the system library), and pkg-config to find them.
BUILD_PACKAGES=(pkg-config libsystemd-dev libsqlite3-dev)

# require_debian_packages PACKAGE...: installs what is missing when run as root; otherwise
# prints the exact apt-get line and stops.
require_debian_packages() {
    local missing=() package
    for package in "$@"; do
        grep -q "install ok installed" <<<"$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "==> installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "modelwarden needs these Debian packages; install them and run this again:" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "modelwarden needs the Swift 6 toolchain (swift) on PATH: see https://www.swift.org/install/linux/" >&2
        exit 1
    fi
}

# require_sdk_venv: the official SDK, pinned, in .build/sdk-venv (a virtualenv of Debian's
# Python, which python3-venv serves); sets VENV.
SDK_VERSION=5.0.1
require_sdk_venv() {
    VENV=.build/sdk-venv
    local python=/usr/bin/python3
    [ -x "$python" ] || python=$(command -v python3)
    if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('pieces-os-client') != '$SDK_VERSION')" 2>/dev/null; then
        echo "==> installing pieces-os-client==$SDK_VERSION into $VENV"
        rm -rf "$VENV"
        mkdir -p .build
        "$python" -m venv "$VENV"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "pieces-os-client==$SDK_VERSION"
    fi
}

# write_bench_policy DIR: the policy script/bench and script/link-order run passes under, as
# DIR/50-bench.yaml. Stale after 30 days, no minimum age and no notice period: a live pass
# deletes at once, at most 5 caches (the default per-pass limit); memory checked every second.
write_bench_policy() {
    mkdir -m 755 "$1"
    cat > "$1/50-bench.yaml" <<'YAML'
version: 1
retention:
  min_age: 0s
  notice_before: 0s
  max_deletions_per_run: 5
  rules:
    - name: everything-else
      stale_after: 30d
schedule:
  memory_every: 1s
YAML
}
