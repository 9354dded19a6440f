#!/usr/bin/env bash
# Installs (when missing) and starts a local PostgreSQL for the store tests,
# creates the role and database "ties" (password "ties"; the role may create
# databases, since each test makes and drops its own), and prints the URL to
# export as TIES_TEST_POSTGRES on the last line. Safe to run again.
#
#   export TIES_TEST_POSTGRES=$(bash .ci/postgres.sh | tail -n 1)
set -euo pipefail

user=${TIES_PG_USER:-ties}
pass=${TIES_PG_PASSWORD:-ties}
db=${TIES_PG_DB:-ties}

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

log() { echo "postgres.sh: $*" >&2; }

if ! compgen -G "/etc/postgresql/*/*/postgresql.conf" >/dev/null; then
	log "installing postgresql"
	export DEBIAN_FRONTEND=noninteractive
	if ! $sudo apt-get install -y -qq postgresql >/dev/null 2>&1; then
		$sudo apt-get update -qq
		$sudo apt-get install -y -qq postgresql >/dev/null
	fi
fi

# The newest installed version and its first cluster.
version=$(ls /etc/postgresql | sort -V | tail -n 1)
cluster=$(ls "/etc/postgresql/$version" | head -n 1)
if [ -z "$version" ] || [ -z "$cluster" ]; then
	log "no cluster under /etc/postgresql" && exit 1
fi
port=$(awk -F'[= \t]+' '/^port/ {print $2}' "/etc/postgresql/$version/$cluster/postgresql.conf")
port=${port:-5432}

if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
	log "starting cluster $version/$cluster"
	$sudo pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 30); do
	pg_isready -q -h 127.0.0.1 -p "$port" && break
	sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "PostgreSQL did not come up on port $port"; exit 1; }

psql_admin() {
	if [ "$(id -u)" -eq 0 ]; then
		su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -p $port $(printf '%q ' "$@")"
	else
		sudo -u postgres psql -v ON_ERROR_STOP=1 -qtA -p "$port" "$@"
	fi
}

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
	log "creating role $user"
	psql_admin -c "CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD '$pass'"
else
	psql_admin -c "ALTER ROLE \"$user\" LOGIN CREATEDB PASSWORD '$pass'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
	log "creating database $db"
	psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$user\""
fi

echo "postgres://$user:$pass@127.0.0.1:$port/$db?sslmode=disable"
