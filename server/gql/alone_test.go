package gql

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ties-graph/ties/graph"
)

// callCounter is the real store counting the batched reads.
type callCounter struct {
	graph.Store
	entities, relations atomic.Int32
}

func (c *callCounter) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	c.entities.Add(1)
	return c.Store.Entities(ctx, ids)
}

func (c *callCounter) Relations(ctx context.Context, ids []string, f graph.RelationFilter) ([][]graph.Relation, error) {
	c.relations.Add(1)
	return c.Store.Relations(ctx, ids, f)
}

// RelationPages counts as a relations read, as Relations does.
func (c *callCounter) RelationPages(ctx context.Context, ids []string, f graph.RelationFilter, page graph.ListOptions) ([]graph.RelationPage, error) {
	c.relations.Add(1)
	return c.Store.RelationPages(ctx, ids, f, page)
}

// TestAloneLoadsAtOnce runs the handler with loaders that wait two
// seconds before a batch: a field that cannot batch answers at once, fields that
// can (several root fields, a field beside a namesake) still wait and
// share one store call.
func TestAloneLoadsAtOnce(t *testing.T) {
	const wait = 2 * time.Second
	tests := []struct {
		name                string
		query               string
		waits               bool
		entities, relations int32 // store calls
	}{
		{"one entity and its relations", `{ entity(id: "krakow") { id name relations(first: 50) { totalCount edges { node { id subject { id } object { name } } } } } }`,
			false, 1, 1},
		{"node", `{ node(id: "krakow") { id ... on Entity { name } } }`, false, 1, 0},
		{"two root entities batch", `{ a: entity(id: "krakow") { id } b: entity(id: "lviv") { id } }`, true, 1, 0},
		{"two relations fields beside each other batch", `{ entity(id: "krakow") { a: relations(first: 1) { totalCount } b: relations(first: 2) { totalCount } } }`,
			true, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store := &callCounter{Store: plainStore(t)}
			h, _ := newHandler(&Resolver{Store: store}, handlerConfig{plain: true, wait: wait})
			start := time.Now()
			got := postRaw(t, h, tc.query, nil)
			took := time.Since(start)
			if !strings.HasPrefix(got, "200 ") || strings.Contains(got, `"errors"`) {
				t.Fatalf("answer %s", got)
			}
			if waited := took >= wait; waited != tc.waits {
				t.Errorf("took %v: waited %v, want %v", took, waited, tc.waits)
			}
			if n := store.entities.Load(); n != tc.entities {
				t.Errorf("%d Entities calls, want %d", n, tc.entities)
			}
			if n := store.relations.Load(); n != tc.relations {
				t.Errorf("%d Relations calls, want %d", n, tc.relations)
			}
		})
	}
}
