#!/bin/sh
# Make sure the database tests can start their own PostgreSQL server (tests/support/postgres.py
# runs initdb and postgres in a temporary folder, on a free port; it never uses a cluster
# of the system's). Debian keeps those programs out of PATH, in /usr/lib/postgresql/<version>/bin,
# so both places are looked in; failing both, Debian/Ubuntu's package when we are root. The
# package may create and start its own cluster on port 5432: harmless, and left alone.
set -u

# The initdb the tests would use: PATH's, else Debian's newest version.
find_initdb() {
    if command -v initdb >/dev/null 2>&1; then
        command -v initdb
        return 0
    fi
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$newest" ] && [ -x "$newest/initdb" ] && [ -x "$newest/postgres" ]; then
        echo "$newest/initdb"
        return 0
    fi
    return 1
}

report() {
    echo "PostgreSQL: $("$1" --version | sed 's/^initdb (PostgreSQL) //') ($(dirname "$1"))"
}

if initdb=$(find_initdb); then
    report "$initdb"
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "No PostgreSQL server found; installing Debian's postgresql with apt-get..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    if initdb=$(find_initdb); then
        report "$initdb"
        exit 0
    fi
fi
echo "Could not find or install PostgreSQL's server (initdb, postgres): install it, e.g. apt-get install postgresql." >&2
exit 1
