package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ties-graph/ties/server"
)

// TestNestedQueryBatchesStoreCalls counts the store calls of nested
// queries: with per-request dataloaders each level costs a bounded number of
// calls, however many objects it holds. Loaders gather a level for a few
// milliseconds, so on a busy machine a level may split into two batches:
// the bounds allow that, and still fail on one call per object.
func TestNestedQueryBatchesStoreCalls(t *testing.T) {
	store := newCounting(newStore(t))
	h := server.New(server.Options{Store: store})
	tests := []struct {
		name  string
		query string
		// objects is a substring counted in the response: how many objects
		// a naive resolver would have fetched one by one.
		objects  string
		minObj   int
		maxCalls map[string]int
	}{
		{
			name: "search → relations → entities and evidence documents",
			query: `{ search(text: "cities", first: 20) { edges { node {
				id documents { id title }
				relations(first: 20) { edges { node {
					subject { name } object { name aliases }
					evidence { sentence document { title language } }
				} } }
			} } } }`,
			objects: `"title"`, minObj: 5,
			maxCalls: map[string]int{"Search": 1, "Relations": 2, "Entities": 2, "EntityDocuments": 2,
				"Documents": 3, "Document": 1, "Relation": 0},
		},
		{
			name: "four entities → relations → entities and evidence documents",
			query: `fragment E on Entity {
				documents { id title }
				relations { edges { node {
					subject { name } object { name aliases }
					evidence { sentence document { title language } }
				} } }
			}
			{ a: entity(id: "krakow") { ...E } b: entity(id: "icc") { ...E }
			  c: entity(id: "council-of-europe") { ...E } d: entity(id: "congress") { ...E } }`,
			objects: `"sentence"`, minObj: 8,
			maxCalls: map[string]int{"Entities": 2, "Relations": 2, "EntityDocuments": 2,
				"Documents": 3, "Document": 1, "Relation": 0},
		},
		{
			name: "documents → relations → subjects' documents",
			query: `{ documents { edges { node {
				statementCount
				relations { subject { id documents { id } } evidence { document { id } } }
			} } } }`,
			objects: `"id"`, minObj: 12,
			// The store reads statements one document at a time, so each
			// document's subtree may run its own batches: at most one call
			// per document (2) at each level, for 6 subjects.
			maxCalls: map[string]int{"Documents": 3, "DocumentStatements": 2, "Relations": 2,
				"EntityDocuments": 2, "Document": 2, "Relation": 0},
		},
		{
			name: "neighbourhood edges → relations",
			query: `{ neighborhood(id: "krakow", depth: 3) {
				nodes { id name }
				edges { source { name } target { name } relation { evidence { document { title } } } }
			} }`,
			objects: `"source"`, minObj: 5,
			// Nodes come with the subgraph: no entity lookups at all.
			maxCalls: map[string]int{"Neighborhood": 1, "Entities": 0, "Relations": 2, "Relation": 0,
				"Documents": 3, "Document": 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			store.reset()
			r := post(t, h, "", tc.query, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			b, _ := json.Marshal(r.Data)
			if n := strings.Count(string(b), tc.objects); n < tc.minObj {
				t.Fatalf("response holds %d %s, want at least %d for the test to mean something", n, tc.objects, tc.minObj)
			}
			calls := store.snapshot()
			for m, max := range tc.maxCalls {
				if calls[m] > max {
					t.Errorf("%s called %d times, want at most %d (all calls: %v)", m, calls[m], max, calls)
				}
			}
			total := 0
			for _, n := range calls {
				total += n
			}
			if n := strings.Count(string(b), tc.objects); total >= n {
				t.Errorf("%d store calls for %d %s: one call per object or worse", total, n, tc.objects)
			}
			t.Logf("store calls: %v", calls)
		})
	}
}

// TestSubgraphsCostOneStoreCall: a neighbourhood or paths answer with the
// fields the explorer asks is the store's one traversal, whatever the
// backend: no call per node or edge end (on PostgreSQL each would be a
// query).
func TestSubgraphsCostOneStoreCall(t *testing.T) {
	store := newCounting(newStore(t))
	h := server.New(server.Options{Store: store})
	for _, tc := range []struct {
		name, query string
		want        map[string]int
	}{
		{"neighbourhood", `{ neighborhood(id: "krakow", depth: 3, first: 500) {
			nodes { id name type } edges { id predicate weight source { id name } target { id } } truncated } }`,
			map[string]int{"Neighborhood": 1}},
		{"paths", `{ paths(from: "krakow", to: "congress", maxLength: 4, first: 5) {
			length nodes { id name } edges { id predicate source { id } target { id } } } }`,
			map[string]int{"Paths": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store.reset()
			r := post(t, h, "", tc.query, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			if b, _ := json.Marshal(r.Data); strings.Count(string(b), `"id"`) < 4 {
				t.Fatalf("answer too small to mean something: %s", b)
			}
			got := store.snapshot()
			for m, n := range got {
				if n != tc.want[m] {
					t.Errorf("%s called %d times, want %d (all calls: %v)", m, n, tc.want[m], got)
				}
			}
		})
	}
}
