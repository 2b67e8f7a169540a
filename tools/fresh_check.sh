#!/usr/bin/env bash
# `make fresh-check`: the README's two commands on a bare Debian 12, as a newcomer runs them.
#
# A Debian 12 minbase tree with only `python3 python3-venv make git` (debootstrap, cached between
# runs) is copied afresh for every run, gets a clone of the committed HEAD, and runs there, as
# root: `make test`, then `make run` started offscreen and under Xvfb until its home screen is up
# (KIOSK_STARTUP_PROBE=ready). Everything the two commands need must come from the Makefile.
#
# The chroot runs in its own mount and PID namespaces (unshare): /proc, /sys, /dev, /dev/shm are
# mounted there only, and every mount and process left inside (PostgreSQL, Xvfb, a hung test)
# goes when the check ends, however it ends. About 20 minutes on 2 cores; not in `make test`.
#
# Usage: tools/fresh_check.sh [COMMIT] (default HEAD; an older commit shows what it lacked).
# Settings (environment): FRESH_CACHE (default ~/.cache/station-kiosk/fresh-debian12),
# FRESH_MIRROR and FRESH_SECURITY_MIRROR (default: the ones this machine's apt uses, else
# deb.debian.org), FRESH_REBUILD=1 to debootstrap the pristine tree again.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/station-kiosk/fresh-debian12}

if [ "$(id -u)" != 0 ]; then
    # debootstrap, chroot and mounts need root; the cache stays the caller's path.
    exec sudo FRESH_CACHE="$CACHE" FRESH_MIRROR="${FRESH_MIRROR:-}" \
        FRESH_SECURITY_MIRROR="${FRESH_SECURITY_MIRROR:-}" FRESH_REBUILD="${FRESH_REBUILD:-}" \
        bash "$0" "$@"
fi
mkdir -p "$CACHE"
# Root reads a checkout someone else owns (under sudo), which git calls dubious unless its
# global config says otherwise; a config of our own says so (`-c` does not reach a clone).
printf '[safe]\n\tdirectory = *\n' >"$CACHE/safe.gitconfig"
g() { GIT_CONFIG_GLOBAL="$CACHE/safe.gitconfig" git "$@"; }
COMMIT=$(g -C "$ROOT" rev-parse --verify "${1:-HEAD}^{commit}")

SUITE=bookworm
NEWCOMER_PACKAGES=python3,python3-venv,make,git  # what the README asks a newcomer to have
BASE=$CACHE/base                                  # pristine, never run in
RUN=$CACHE/run                                    # this run's copy, kept until the next run
SRC=/root/station-kiosk                           # the checkout inside the tree

# The mirror this machine's apt uses (comment lines skipped), so the check reaches what it does.
host_uri() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
        2>/dev/null | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+' \
        | grep -E "$1" | head -n 1 || true
}
MIRROR=${FRESH_MIRROR:-$(host_uri '/debian/?$')}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${FRESH_SECURITY_MIRROR:-$(host_uri '/debian-security/?$')}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}

say() { printf '\n=== fresh-check: %s\n' "$*"; }
since() { echo $(($(date +%s) - $1)); }
START=$(date +%s)

command -v unshare >/dev/null || { echo "fresh-check: unshare (util-linux) is missing" >&2; exit 1; }
if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
fi

# --- the pristine tree: debootstrap once, then cached ------------------------------------
# One check at a time per cache: a second one would remove the first one's tree.
exec 9>"$CACHE/lock"
flock -n 9 || { echo "fresh-check: another check is running on $CACHE" >&2; exit 1; }
if [ -n "${FRESH_REBUILD:-}" ]; then rm -rf "$BASE"; fi
if grep -q " ${RUN}[/ ]" /proc/mounts; then
    echo "fresh-check: something is still mounted under $RUN; not removing it" >&2
    exit 1
fi
t=$(date +%s)
rm -rf "$RUN"  # the last run's tree, kept for its logs until now
say "last run's tree removed in $(since "$t")s"
t=$(date +%s)
if [ -e "$BASE/.fresh-check-complete" ]; then
    BOOTSTRAP="cached"
    say "pristine Debian 12 tree cached in $BASE"
else
    BOOTSTRAP="cold"
    say "debootstrap $SUITE (minbase + $NEWCOMER_PACKAGES) from $MIRROR into $BASE"
    rm -rf "$BASE.partial"
    debootstrap --variant=minbase --include="$NEWCOMER_PACKAGES" "$SUITE" "$BASE.partial" "$MIRROR"
    # The sources of a standard Debian 12 install: the release, its updates and security.
    rm -f "$BASE.partial/etc/apt/sources.list"
    cat >"$BASE.partial/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY_MIRROR
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    chroot "$BASE.partial" apt-get clean
    touch "$BASE.partial/.fresh-check-complete"
    mv "$BASE.partial" "$BASE"
fi

# --- this run's copy: the pristine tree, a clone of HEAD ----------------------------------
cp -a "$BASE" "$RUN"
BOOTSTRAP_S=$(since "$t")
say "debootstrap step ($BOOTSTRAP): ${BOOTSTRAP_S}s (copy included)"

# This machine's network, as the chroot shares it: DNS, hosts, and the certificate authorities
# it adds (a proxy's, on some networks), which pip is then told to use instead of its own list.
cp /etc/resolv.conf /etc/hosts "$RUN/etc/"
PIP_CERT_ENV=()
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$RUN/usr/local/share/ca-certificates/"
    chroot "$RUN" update-ca-certificates >/dev/null
    PIP_CERT_ENV=(PIP_CERT=/etc/ssl/certs/ca-certificates.crt)
fi
# A chroot is not a booted machine: packages must not start their services (PostgreSQL's
# cluster on the host's port 5432). The tests start their own servers.
printf '#!/bin/sh\nexit 101\n' >"$RUN/usr/sbin/policy-rc.d"
chmod 0755 "$RUN/usr/sbin/policy-rc.d"

# A clone, as the README's newcomer has: the committed files of HEAD (what `git archive HEAD`
# holds) and the history tests/platform/sync/test_pending_report.py builds an older hub from.
g clone -q --no-checkout "$ROOT" "$RUN$SRC"
g -C "$RUN$SRC" checkout -q --detach "$COMMIT"
if [ -z "${1:-}" ] && [ -n "$(g -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
    echo "fresh-check: note: uncommitted changes are not part of the check (HEAD only)"
fi
say "checking $(g -C "$ROOT" log -1 --format='%h %s' "$COMMIT")"

# What runs inside, as root with a bare environment.
cat >"$RUN/root/fresh-check-inside.sh" <<'EOF'
set -uo pipefail
cd /root/station-kiosk
since() { echo $(($(date +%s) - $1)); }
note() { echo "$*" | tee -a /root/fresh-summary.txt; }
t=$(date +%s)
make test 2>&1 | tee /root/make-test.log
test_rc=${PIPESTATUS[0]}
note "make test:         rc=$test_rc in $(since "$t")s"
[ "$test_rc" = 0 ] || exit "$test_rc"
# `make run` until its home screen is painted and its database open, then it quits: offscreen,
# then on a (virtual) screen as the README says for a machine without one.
t=$(date +%s)
KIOSK_STARTUP_PROBE=ready QT_QPA_PLATFORM=offscreen timeout 600 \
    make run DATA_DIR=/tmp/fresh-demo 2>&1 | tee /root/make-run.log
grep -qx ready /root/make-run.log || { note "make run offscreen: never ready"; exit 1; }
note "make run offscreen: ready in $(since "$t")s"
t=$(date +%s)
KIOSK_STARTUP_PROBE=ready timeout 600 \
    xvfb-run -a make run DATA_DIR=/tmp/fresh-demo-x 2>&1 | tee /root/make-run-xvfb.log
grep -qx ready /root/make-run-xvfb.log || { note "make run on Xvfb:   never ready"; exit 1; }
note "make run on Xvfb:   ready in $(since "$t")s"
EOF

# Mounted inside the new mount namespace only; the trap unmounts them even on failure, and the
# namespace (with --kill-child, every process in it) goes when this ends, whatever happens.
set +e
t=$(date +%s)
# shellcheck disable=SC2016  # expanded by the inner bash, on purpose
unshare --mount --pid --fork --kill-child --propagation private -- bash -c '
    set -e
    R=$1
    shift  # the rest: variables of this machine the chroot needs (PIP_CERT)
    cleanup() {
        for m in dev/shm dev/ptmx dev/pts dev sys proc; do umount -l "$R/$m" 2>/dev/null || true; done
    }
    trap cleanup EXIT
    mount -t proc proc "$R/proc"
    mount -t sysfs sysfs "$R/sys"
    mount --bind /dev "$R/dev"
    mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$R/dev/pts"
    mount --bind "$R/dev/pts/ptmx" "$R/dev/ptmx"
    mount -t tmpfs -o mode=1777,nosuid,nodev shm "$R/dev/shm"
    set +e
    chroot "$R" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" \
        /bin/bash /root/fresh-check-inside.sh
' fresh-check "$RUN" "${PIP_CERT_ENV[@]}"
rc=$?
set -e
INSIDE_S=$(since "$t")

if grep -q " ${RUN}[/ ]" /proc/mounts; then
    echo "fresh-check: mounts left under $RUN" >&2
    rc=1
fi

say "summary (logs in $RUN/root/make-*.log)"
echo "commit:            $COMMIT"
echo "debootstrap step:  ${BOOTSTRAP_S}s ($BOOTSTRAP)"
echo "inside the chroot: ${INSIDE_S}s"
cat "$RUN/root/fresh-summary.txt" 2>/dev/null || true
echo "pytest:            $(grep -E '^=*.*[0-9]+ (passed|failed|error)' "$RUN/root/make-test.log" | tail -n 1)"
echo "total:             $(since "$START")s"
if [ "$rc" = 0 ]; then echo "fresh-check: PASSED"; else echo "fresh-check: FAILED ($rc)"; fi
exit "$rc"
