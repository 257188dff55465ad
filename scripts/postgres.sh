#!/usr/bin/env bash
# A throwaway PostgreSQL server for the integration tests (Debian's own package, nothing else).
#
#   scripts/postgres.sh install       install the Debian package 'postgresql' unless pg_ctl is already there
#                                     (idempotent and quiet; needs root when it has to install)
#   scripts/postgres.sh start PORT    initdb a fresh cluster in a new temp dir and start it on 127.0.0.1:PORT,
#                                     with its unix socket in that dir and trust auth (for local tests only);
#                                     create the database 'careerbot'; print the temp dir on stdout
#   scripts/postgres.sh stop DIR      stop the server started in DIR and delete DIR
#
# PostgreSQL refuses to run as root, so as root the server runs as the package's 'postgres' system user.
set -euo pipefail

pg_bin() {  # the newest installed server's bin folder, or nothing
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$found" && -x "$found/pg_ctl" ]] && echo "$found"
    return 0
}

as_pg() {  # run a command as the unprivileged server owner
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd_install() {
    [[ -n "$(pg_bin)" ]] && return 0
    if [[ $(id -u) -ne 0 ]]; then
        echo "postgres.sh: PostgreSQL is not installed; run as root: apt-get install -y postgresql" >&2
        return 1
    fi
    echo "postgres.sh: installing the Debian package postgresql" >&2
    local log
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "postgres.sh: apt-get install postgresql failed" >&2
        return 1
    fi
    rm -f "$log"
    [[ -n "$(pg_bin)" ]] || { echo "postgres.sh: installed postgresql but found no pg_ctl under /usr/lib/postgresql/*/bin" >&2; return 1; }
}

cmd_start() {
    local port=${1:?usage: postgres.sh start PORT}
    cmd_install
    local bin dir
    bin=$(pg_bin)
    dir=$(mktemp -d /tmp/careerbot-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    chmod 700 "$dir"
    if ! as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1
    fi
    # Throwaway data: no fsync. Only loopback TCP, and the socket in our own dir.
    if ! as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
            >/dev/null; then
        cat "$dir/server.log" >&2 || true; rm -rf "$dir"; return 1
    fi
    if ! as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres careerbot; then
        cmd_stop "$dir"; return 1
    fi
    echo "$dir"
}

cmd_stop() {
    local dir=${1:?usage: postgres.sh stop DIR}
    [[ -d "$dir/data" ]] || { rm -rf "$dir"; return 0; }
    local bin
    bin=$(pg_bin)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    install) cmd_install ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) echo "usage: $0 install | start PORT | stop DIR" >&2; exit 2 ;;
esac
