#!/usr/bin/env bash
# Install Debian packages, only those not installed yet:   scripts/apt-install.sh PACKAGE...
#
# Idempotent and quiet: with every package already installed it does nothing (no root needed).
# Otherwise it runs `apt-get install -y` for the missing ones, first `apt-get update` once when apt
# knows no installable version of one of them (empty package lists, as in a fresh container).
# Needs root, or sudo without a password, when it has to install; prints apt's log only on failure.
set -euo pipefail

[[ $# -gt 0 ]] || { echo "usage: scripts/apt-install.sh PACKAGE..." >&2; exit 2; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
has_candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [^(]'; }

missing=()
for package in "$@"; do
    installed "$package" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "apt-install.sh: ${missing[*]} not installed; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
fail() { cat "$log" >&2; echo "apt-install.sh: $1" >&2; exit 1; }

for package in "${missing[@]}"; do
    if ! has_candidate "$package"; then
        "${as_root[@]}" apt-get update -qq >"$log" 2>&1 || fail "apt-get update failed"
        break
    fi
done
echo "apt-install.sh: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1 \
    || fail "apt-get install ${missing[*]} failed"
