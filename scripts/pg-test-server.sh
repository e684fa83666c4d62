#!/bin/sh
# A throwaway PostgreSQL server for tests: its own data folder, socket and port, nothing shared
# with a system cluster. Works as root (initdb refuses root, so the server runs as the `postgres`
# user, or `nobody`) and as an ordinary user.
#
#   pg-test-server.sh start DIR [PORT]   create DIR, initdb, start; prints `port=N` on stdout
#   pg-test-server.sh stop DIR           stop the server and remove DIR (only a DIR made by start)
#   pg-test-server.sh psql DIR [ARGS..]  psql as the superuser `postgres` over DIR's socket
#                                        (database `postgres` unless ARGS name one with -d)
#
# The server listens on 127.0.0.1:PORT and on the socket DIR/.s.PGSQL.PORT. Authentication:
# trust for everyone, except members of the role `password_users` over TCP, who need their
# password (scram-sha-256). TLS is on (self-signed DIR/data/server.crt, CN and SAN localhost and
# 127.0.0.1) when openssl is installed; `DIR/tls` exists then.
#
# Exit status 77 means "PostgreSQL is not installed" (tests skip); install it with
# `apt-get install -y postgresql` (Debian/Ubuntu) or point PG_BINDIR at its bin folder.
set -eu

die() { echo "pg-test-server: $*" >&2; exit 1; }

find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
    # Debian/Ubuntu keep server binaries per major version; take the newest.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        if [ -x "$d/initdb" ]; then echo "$d"; return; fi
    done
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
    for d in /usr/pgsql-*/bin /usr/local/pgsql/bin /opt/homebrew/bin /usr/local/bin; do
        if [ -x "$d/initdb" ]; then echo "$d"; return; fi
    done
}

BINDIR=$(find_bindir)
if [ -z "$BINDIR" ] || [ ! -x "$BINDIR/initdb" ] || [ ! -x "$BINDIR/pg_ctl" ]; then
    echo "pg-test-server: PostgreSQL server binaries not found (apt-get install -y postgresql, or set PG_BINDIR)" >&2
    exit 77
fi
PSQL="$BINDIR/psql"
[ -x "$PSQL" ] || PSQL=$(command -v psql || true)
[ -n "$PSQL" ] || die "psql not found"

# initdb and postgres refuse to run as root: run them as another user then.
RUNAS=""
if [ "$(id -u)" = 0 ]; then
    if id postgres >/dev/null 2>&1; then RUNAS=postgres; else RUNAS=nobody; fi
fi
as_server() {
    if [ -z "$RUNAS" ]; then "$@"
    elif command -v runuser >/dev/null 2>&1; then runuser -u "$RUNAS" -- "$@"
    else
        # su needs one command string; quote every argument.
        cmd=""
        for a in "$@"; do cmd="$cmd '$(printf %s "$a" | sed "s/'/'\\\\''/g")'"; done
        su -s /bin/sh "$RUNAS" -c "$cmd"
    fi
}

random_port() {
    n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    echo $((20000 + n % 40000))
}

port_in_use() {
    command -v ss >/dev/null 2>&1 || return 1
    ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$1\$"
}

cmd=${1:-}
DIR=${2:-}
[ -n "$cmd" ] && [ -n "$DIR" ] || die "usage: $0 start|stop|psql DIR [...]"
case "$DIR" in /*) ;; *) DIR="$(pwd)/$DIR" ;; esac
# The socket path must stay under the ~107-byte sun_path limit.
[ ${#DIR} -le 80 ] || die "DIR is too long for a Unix socket path (${#DIR} > 80 characters): $DIR"

case "$cmd" in
start)
    [ ! -e "$DIR/data" ] || die "$DIR/data already exists; stop it first"
    mkdir -p "$DIR"
    touch "$DIR/.pg-test-server"
    if [ -n "$RUNAS" ]; then chown "$RUNAS" "$DIR"; fi
    chmod 700 "$DIR"
    as_server test -w "$DIR" || die "$DIR is not writable by user $RUNAS (is a parent folder private?)"

    as_server "$BINDIR/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync \
        >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }

    ssl=off
    if command -v openssl >/dev/null 2>&1; then
        if as_server openssl req -new -x509 -days 7 -nodes -subj /CN=localhost \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$DIR/data/server.key" -out "$DIR/data/server.crt" >"$DIR/openssl.log" 2>&1; then
            as_server chmod 600 "$DIR/data/server.key"
            ssl=on
            touch "$DIR/tls"
        fi
    fi

    as_server sh -c "cat >>'$DIR/data/postgresql.conf'" <<EOF
# pg-test-server.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
ssl = $ssl
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
max_connections = 30
shared_buffers = 32MB
EOF
    as_server sh -c "cat >'$DIR/data/pg_hba.conf'" <<EOF
# pg-test-server.sh: first matching line wins.
local all all                          trust
host  all +password_users 127.0.0.1/32 scram-sha-256
host  all all             127.0.0.1/32 trust
EOF

    tries=0
    while :; do
        tries=$((tries + 1))
        port=${3:-$(random_port)}
        if [ -z "${3:-}" ] && port_in_use "$port"; then continue; fi
        if as_server "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "-p $port" -w -t 60 start >"$DIR/pg_ctl.log" 2>&1; then
            break
        fi
        if [ -z "${3:-}" ] && [ $tries -lt 5 ] && grep -q "could not bind\|already in use" "$DIR/server.log" 2>/dev/null; then
            continue
        fi
        cat "$DIR/pg_ctl.log" "$DIR/server.log" >&2 2>/dev/null || true
        die "the server did not start"
    done
    echo "$port" >"$DIR/port"
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE password_users NOLOGIN" >/dev/null || die "could not create role password_users"
    echo "port=$port"
    ;;
stop)
    [ -f "$DIR/.pg-test-server" ] || die "$DIR was not made by pg-test-server.sh start"
    if [ -f "$DIR/data/postmaster.pid" ]; then
        as_server "$BINDIR/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || as_server "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
psql)
    [ -f "$DIR/port" ] || die "no server started in $DIR"
    port=$(cat "$DIR/port")
    shift 2
    exec "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$port" -U postgres -d postgres "$@"
    ;;
*)
    die "unknown command $cmd (start, stop or psql)"
    ;;
esac
