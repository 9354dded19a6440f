package cayley

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

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

// binaryParameters turns on lib/pq's binary_parameters in a PostgreSQL
// URL (unless it says otherwise): lib/pq then sends a statement with
// parameters in one round trip (parse, bind, execute) instead of two
// (parse and describe, then bind and execute). Both ties' pool and
// Cayley's use it; bytea parameters go as bytes instead of hex text.
func binaryParameters(addr string) (string, error) {
	u, err := url.Parse(addr)
	if err != nil {
		return "", err
	}
	q := u.Query()
	if q.Get("binary_parameters") == "" {
		q.Set("binary_parameters", "yes")
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}
