package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ties-graph/ties/server"
)

// TestNestedQueryBatchesStoreCalls counts the store calls of nested
// queries: with per-request dataloaders each level costs a bounded number of
// calls, however many objects it holds.
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
			objects: `"sentence"`, minObj: 3,
			maxCalls: map[string]int{"Search": 1, "Relations": 1, "Entities": 1, "EntityDocuments": 1,
				"Documents": 2, "Document": 0, "Relation": 0},
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
			maxCalls: map[string]int{"Entities": 1, "Relations": 1, "EntityDocuments": 1,
				"Documents": 2, "Document": 0, "Relation": 0},
		},
		{
			name: "documents → relations → subjects' documents",
			query: `{ documents { edges { node {
				statementCount
				relations { subject { id documents { id } } evidence { document { id } } }
			} } } }`,
			objects: `"subject"`, minObj: 6,
			// The store reads statements one document at a time: one call
			// per document on the page, shared by both fields.
			maxCalls: map[string]int{"Documents": 3, "DocumentStatements": 2, "Relations": 1,
				"EntityDocuments": 1, "Document": 0, "Relation": 0},
		},
		{
			name: "neighbourhood edges → relations",
			query: `{ neighborhood(id: "krakow", depth: 3) {
				nodes { id name }
				edges { source { name } target { name } relation { evidence { document { title } } } }
			} }`,
			objects: `"source"`, minObj: 5,
			maxCalls: map[string]int{"Neighborhood": 1, "Entities": 0, "Relations": 1, "Relation": 0,
				"Documents": 2, "Document": 0},
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
			t.Logf("store calls: %v", calls)
		})
	}
}
