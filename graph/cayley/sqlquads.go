package cayley

import (
	"context"
	"database/sql"
	"fmt"

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
