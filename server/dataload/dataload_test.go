package dataload_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/server/dataload"
)

// relationCounter is the real store counting Relations calls.
type relationCounter struct {
	graph.Store
	calls atomic.Int32
}

func (c *relationCounter) Relations(ctx context.Context, ids []string, f graph.RelationFilter) ([][]graph.Relation, error) {
	c.calls.Add(1)
	return c.Store.Relations(ctx, ids, f)
}

func (c *relationCounter) RelationPages(ctx context.Context, ids []string, f graph.RelationFilter, page graph.ListOptions) ([]graph.RelationPage, error) {
	c.calls.Add(1)
	return c.Store.RelationPages(ctx, ids, f, page)
}

func newStore(t *testing.T) *relationCounter {
	t.Helper()
	ctx := context.Background()
	s, err := cayley.Open(ctx, "memory", cayley.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	text := "Gdańsk and Bremen are partners. Gdańsk is a member of UBC."
	ent := func(id, name string, typ graph.EntityType) graph.Entity {
		return graph.Entity{ID: id, Name: name, Type: typ, Aliases: []string{name}}
	}
	gdansk, bremen, ubc := ent("gdansk", "Gdańsk", graph.City), ent("bremen", "Bremen", graph.City), ent("ubc", "UBC", graph.Network)
	x := graph.Extraction{
		Document: graph.Document{ID: "d.txt", Title: "d", Language: "en", Format: "text", Text: text},
		Entities: []graph.Entity{gdansk, bremen, ubc},
		Statements: []graph.Statement{
			{Subject: gdansk, Predicate: graph.PartnerOf, Object: bremen, Confidence: 1,
				Evidence: graph.Evidence{Document: "d.txt", Sentence: "Gdańsk and Bremen are partners.", Start: 0, End: 31}},
			{Subject: gdansk, Predicate: graph.MemberOf, Object: ubc, Confidence: 1,
				Evidence: graph.Evidence{Document: "d.txt", Sentence: "Gdańsk is a member of UBC.", Start: 32, End: 58}},
		},
	}
	if err := s.PutDocument(ctx, x); err != nil {
		t.Fatal(err)
	}
	return &relationCounter{Store: s}
}

func TestRelationsBatchPerFilter(t *testing.T) {
	store := newStore(t)
	l := dataload.New(store)
	ctx := context.Background()
	keys := []dataload.RelationKey{
		{Entity: "gdansk"}, {Entity: "bremen"}, {Entity: "ubc"}, // one filter: BOTH, all predicates
		{Entity: "gdansk", Predicate: graph.MemberOf, Direction: graph.Outgoing}, // another
	}
	want := []int{2, 1, 1, 1}
	// Queue every key before waiting, as concurrent resolvers do.
	thunks := make([]func() ([]graph.Relation, error), len(keys))
	for i, k := range keys {
		thunks[i] = l.RelationsThunk(ctx, k)
	}
	for i, th := range thunks {
		rels, err := th()
		if err != nil || len(rels) != want[i] {
			t.Errorf("%+v: %d relations, %v; want %d", keys[i], len(rels), err, want[i])
		}
	}
	if n := store.calls.Load(); n != 2 {
		t.Errorf("%d Relations calls for two filters, want 2", n)
	}
}

// TestRelationPagesBatch checks that pages of one filter and cursor share
// a store call whatever their sizes, each cut to its own, and that
// another cursor makes another call.
func TestRelationPagesBatch(t *testing.T) {
	store := newStore(t)
	l := dataload.New(store)
	ctx := context.Background()
	all, err := store.Relations(ctx, []string{"gdansk"}, graph.RelationFilter{})
	if err != nil || len(all[0]) != 2 {
		t.Fatalf("Relations(gdansk) = %v, %v", all, err)
	}
	store.calls.Store(0)
	both := dataload.RelationKey{Entity: "gdansk"}
	tests := []struct {
		key         dataload.RelationPageKey
		size, start int
	}{
		{dataload.RelationPageKey{RelationKey: both, First: 1}, 1, 0},
		{dataload.RelationPageKey{RelationKey: both, First: 5}, 2, 0},
		{dataload.RelationPageKey{RelationKey: dataload.RelationKey{Entity: "ubc"}, First: 1}, 1, 0},
		{dataload.RelationPageKey{RelationKey: both, After: all[0][0].ID, First: 1}, 1, 1},
	}
	results := make(chan error, len(tests))
	for _, tt := range tests {
		go func() {
			p, err := l.RelationPage(ctx, tt.key)
			if err == nil && (len(p.Relations) != tt.size || p.Start != tt.start || p.Total != len(all[0]) && tt.key.Entity == "gdansk") {
				err = fmt.Errorf("%+v: page %+v, want %d from %d", tt.key, p, tt.size, tt.start)
			}
			results <- err
		}()
	}
	for range tests {
		if err := <-results; err != nil {
			t.Error(err)
		}
	}
	if n := store.calls.Load(); n != 2 {
		t.Errorf("%d RelationPages calls for two cursors, want 2", n)
	}
}

func TestMissingIsNotFound(t *testing.T) {
	l := dataload.New(newStore(t))
	ctx := context.Background()
	for name, load := range map[string]func() error{
		"entity":   func() error { _, err := l.Entity(ctx, "atlantis"); return err },
		"document": func() error { _, err := l.Document(ctx, "nope.txt"); return err },
	} {
		if err := load(); graph.ErrorCode(err) != graph.ENOTFOUND {
			t.Errorf("%s: %v, want not_found", name, err)
		}
	}
	docs, err := l.Documents(ctx, []string{"d.txt", "nope.txt"})
	if graph.ErrorCode(err) != graph.ENOTFOUND || docs[0].ID != "d.txt" {
		t.Errorf("documents: %v, %v; want d.txt found and nope.txt not_found", docs, err)
	}
}
