#!/usr/bin/env bash
# One command for a fresh machine: installs the hunspell dictionaries, builds
# ties, loads the sample documents into the embedded store (./ties.db) and
# serves GraphQL on http://127.0.0.1:8080/graphql (GraphiQL at /graphiql).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh || echo "warning: could not install hunspell dictionaries; ties runs with lower recall" >&2
go build -o ./ties .
exec ./ties serve --store ./ties.db "$@" examples/
