package gql

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
)

// plainStore is a real in-memory store with names that need escaping, a
// resolution, a symmetric relation and an entity of an odd type.
func plainStore(t *testing.T) graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := cayley.Open(ctx, "memory", cayley.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ent := func(id, name string, typ graph.EntityType, aliases ...string) graph.Entity {
		return graph.Entity{ID: id, Name: name, Type: typ, Aliases: append([]string{name}, aliases...), Languages: []string{"pl", "en"}}
	}
	krakow := ent("krakow", "Kraków", graph.City, "Krakowa", `"Royal" city`)
	krakow.Resolution = "gazetteer"
	lviv := ent("lviv", "Львів", graph.City, "Lwów\n")
	eurocities := ent("eurocities", "Eurocities", graph.Network)
	poland := ent("poland", "Polska <&>", graph.Country)
	summit := ent("summit", "Summit \\ 2024", graph.Event)
	text := "Kraków and Lviv are partners. Kraków is a member of Eurocities. Kraków lies in Poland. Lviv attended the summit. Eurocities organized the summit."
	st := func(s graph.Entity, p graph.Predicate, o graph.Entity, sentence string) graph.Statement {
		at := bytes.Index([]byte(text), []byte(sentence))
		return graph.Statement{Subject: s, Predicate: p, Object: o, Confidence: 0.9,
			Evidence: graph.Evidence{Document: "d.txt", Sentence: sentence, Start: at, End: at + len(sentence)}}
	}
	x := graph.Extraction{
		Document: graph.Document{ID: "d.txt", Title: "d", Language: "en", Format: "text", Text: text},
		Entities: []graph.Entity{krakow, lviv, eurocities, poland, summit},
		Statements: []graph.Statement{
			st(lviv, graph.PartnerOf, krakow, "Kraków and Lviv are partners."),
			st(krakow, graph.MemberOf, eurocities, "Kraków is a member of Eurocities."),
			st(krakow, graph.LocatedIn, poland, "Kraków lies in Poland."),
			st(lviv, graph.Attended, summit, "Lviv attended the summit."),
			st(eurocities, graph.Organized, summit, "Eurocities organized the summit."),
		},
	}
	if err := s.PutDocument(ctx, x); err != nil {
		t.Fatal(err)
	}
	return s
}

func postRaw(t *testing.T, h http.Handler, query string, vars map[string]any) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	return fmt.Sprintf("%d %s", rec.Code, b)
}

// TestPlainPathMatchesExecutor asks the same questions of the handler with
// and without the plain path: the answers must be equal byte for byte, and
// the plain path must have written those it can.
func TestPlainPathMatchesExecutor(t *testing.T) {
	store := plainStore(t)
	r := &Resolver{Store: store}
	plain, pp := newHandler(r, handlerConfig{plain: true})
	generic, _ := newHandler(r, handlerConfig{})
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		plain bool // the plain path answers it
	}{
		{"the explorer's neighbourhood", `query($id: ID!, $d: Int!) { neighborhood(id: $id, depth: $d, first: 500) {
			nodes { id name type } edges { id predicate weight source { id } target { id } } truncated } }`,
			map[string]any{"id": "krakow", "d": 2}, true},
		{"every plain field, aliases and typenames", `{ neighborhood(id: "krakow", depth: 3) { __typename truncated
			n: nodes { __typename id name type aliases languages resolution }
			edges { __typename id p: predicate weight source { name aliases } target { id languages resolution } } } }`, nil, true},
		{"fragments, repeated fields and directives", `fragment N on Node { id }
			query($yes: Boolean!) { neighborhood(id: "lviv", depth: 2, predicates: [PARTNER_OF, ATTENDED]) {
			nodes { ...N ... on Entity { name name } type @include(if: $yes) aliases @skip(if: $yes) }
			edges { id ... { weight } } } }`, map[string]any{"yes": true}, true},
		{"cut at first", `{ neighborhood(id: "krakow", depth: 2, first: 2) { truncated nodes { id } edges { id source { id } target { id } } } }`, nil, true},
		{"depth 0", `{ neighborhood(id: "poland", depth: 0) { nodes { id } edges { id } } }`, nil, true},
		{"two root fields", `{ a: neighborhood(id: "krakow") { nodes { id } } b: neighborhood(id: "summit") { edges { id } } }`, nil, true},
		{"paths", `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4, first: 5) {
			__typename length nodes { id name } edges { id predicate source { id } target { name } } } }`,
			map[string]any{"a": "poland", "b": "summit"}, true},
		{"no path", `{ paths(from: "poland", to: "summit", maxLength: 1) { length } }`, nil, true},
		{"a path to itself", `{ paths(from: "poland", to: "poland") { length nodes { id } edges { id } } }`, nil, true},
		{"a field that fans out", `{ neighborhood(id: "krakow") { edges { id relation { id evidence { sentence } } } } }`, nil, false},
		{"an entity field with a resolver", `{ neighborhood(id: "krakow") { nodes { id relations { totalCount } } } }`, nil, false},
		{"unknown entity", `{ neighborhood(id: "atlantis") { nodes { id } } }`, nil, false},
		{"depth out of range", `{ neighborhood(id: "krakow", depth: 9) { nodes { id } } }`, nil, false},
		{"bad variable", `query($d: Int!) { neighborhood(id: "krakow", depth: $d) { nodes { id } } }`, map[string]any{"d": "two"}, false},
		{"unknown path end", `{ paths(from: "krakow", to: "atlantis") { length } }`, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := pp.served.Load()
			got := postRaw(t, plain, tc.query, tc.vars)
			want := postRaw(t, generic, tc.query, tc.vars)
			if got != want {
				t.Errorf("plain path answers\n%s\nthe executor\n%s", got, want)
			}
			if served := pp.served.Load() > before; served != tc.plain {
				t.Errorf("plain path served: %v, want %v (%s)", served, tc.plain, got)
			}
		})
	}
}
