package cayley

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
)

// sqlQuads is Cayley's SQL QuadStore with exact counts. Cayley keeps the
// counts it read until its own ApplyDeltas clears them; ties writes the
// tables itself, and other processes write them too, so a kept count would
// go stale. Everything else is Cayley's.
type sqlQuads struct {
	cgraph.QuadStore
	db *sql.DB
}

func (q sqlQuads) Stats(ctx context.Context, exact bool) (cgraph.Stats, error) {
	st := cgraph.Stats{Nodes: refs.Size{Exact: true}, Quads: refs.Size{Exact: true}}
	if err := q.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes)`).
		Scan(&st.Quads.Value, &st.Nodes.Value); err != nil {
		return st, fmt.Errorf("count quads and nodes: %w", err)
	}
	return st, nil
}

// sqlAddr is a SQL store address taken apart: Cayley's backend and the
// URL its driver gets (lib/pq for postgres, pgx for cockroach), the URL of
// ties' own lib/pq pool, and the SQL that differs.
type sqlAddr struct {
	backend, cayley, ties string
	dialect               sqlDialect
}

func isSQLAddr(addr string) bool {
	for _, p := range []string{"postgres://", "postgresql://", "cockroach://"} {
		if strings.HasPrefix(addr, p) {
			return true
		}
	}
	return false
}

// parseSQLAddr reads "postgres://…", "postgresql://…" and "cockroach://…"
// (the latter, or ties_backend=cockroach, for CockroachDB, whose wire
// protocol is PostgreSQL's). ties' pool gets lib/pq's binary_parameters
// (unless the URL says otherwise): lib/pq then sends a statement with
// parameters in one round trip (parse, bind, execute) instead of two. So
// does Cayley's on PostgreSQL; pgx (Cayley's cockroach driver) does not
// know the setting.
func parseSQLAddr(addr string) (sqlAddr, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return sqlAddr{}, err
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return sqlAddr{}, err
	}
	a := sqlAddr{backend: "postgres", dialect: postgresDialect}
	switch b := q.Get("ties_backend"); {
	case u.Scheme == "cockroach", b == "cockroach":
		a.backend, a.dialect = "cockroach", cockroachDialect
	case b != "" && b != "postgres":
		return sqlAddr{}, fmt.Errorf("ties_backend=%s: want postgres or cockroach", b)
	}
	q.Del("ties_backend")
	u.Scheme = "postgresql"
	u.RawQuery = q.Encode()
	cayley := u.String()
	if q.Get("binary_parameters") == "" {
		q.Set("binary_parameters", "yes")
	}
	u.RawQuery = q.Encode()
	a.ties = u.String()
	a.cayley = a.ties
	if a.backend == "cockroach" {
		a.cayley = cayley
	}
	return a, nil
}
