package cayley

import (
	"slices"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// TestPrepareErrors checks that a rejected extraction is EINVALID and the
// message names the document and the place of the fault.
func TestPrepareErrors(t *testing.T) {
	ent := func(id string) graph.Entity { return graph.Entity{ID: id, Name: id, Type: graph.Organization} }
	stmt := func(s, o graph.Entity, p graph.Predicate) graph.Statement {
		return graph.Statement{Subject: s, Predicate: p, Object: o, Confidence: 0.5,
			Evidence: graph.Evidence{Sentence: "x", End: 1}}
	}
	tests := []struct {
		name string
		edit func(x *graph.Extraction)
		want string
	}{
		{"entity id", func(x *graph.Extraction) { x.Entities = append(x.Entities, ent(" b")) },
			`document "d": entity 2: entity ID " b" has surrounding spaces`},
		{"object id", func(x *graph.Extraction) { x.Statements[1].Object.ID = "" },
			`document "d": statement 2 object: empty entity ID`},
		{"two types", func(x *graph.Extraction) { x.Statements[0].Subject.Type = graph.Person },
			`document "d": statement 1 subject: entity "a" has two types, "Organization" and "Person"`},
		{"predicate", func(x *graph.Extraction) { x.Statements[1].Predicate = "likes" },
			`document "d": statement 2: unknown predicate "likes"`},
		{"confidence", func(x *graph.Extraction) { x.Statements[0].Confidence = 2 },
			`document "d": statement 1: confidence 2 outside [0, 1]`},
		{"date", func(x *graph.Extraction) { x.Statements[1].Start = "May" },
			`document "d": statement 2: date "May" is not YYYY, YYYY-MM or YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := ent("a"), ent("b")
			x := graph.Extraction{
				Document:   graph.Document{ID: "d"},
				Entities:   []graph.Entity{a},
				Statements: []graph.Statement{stmt(a, b, graph.MemberOf), stmt(b, a, graph.PartnerOf)},
			}
			tt.edit(&x)
			_, _, err := prepare(x)
			if graph.ErrorCode(err) != graph.EINVALID || graph.ErrorMessage(err) != tt.want {
				t.Errorf("got %v (%s), want %s", err, graph.ErrorCode(err), tt.want)
			}
		})
	}
}

// TestEncodeOnce checks that encode gives every quad once (PutDocument
// applies a new document's quads without a set): two statements of one
// tie, from two sentences, share one direct edge.
func TestEncodeOnce(t *testing.T) {
	a := graph.Entity{ID: "a", Name: "A", Type: graph.City, Aliases: []string{"A-town", "A-town"}}
	b := graph.Entity{ID: "b", Name: "B", Type: graph.Network}
	x := graph.Extraction{Document: graph.Document{ID: "d"}, Entities: []graph.Entity{a, b}}
	for i := range 3 {
		x.Statements = append(x.Statements, graph.Statement{Subject: a, Predicate: graph.MemberOf, Object: b,
			Confidence: 0.9, Evidence: graph.Evidence{Sentence: "A is in B.", Start: 10 * i, End: 10*i + 9}})
	}
	x, ents, err := prepare(x)
	if err != nil {
		t.Fatal(err)
	}
	qs := encode(x, ents)
	seen := map[quad.Quad]bool{}
	edges := 0
	for _, q := range qs {
		if seen[q] {
			t.Errorf("quad twice: %v", q)
		}
		seen[q] = true
		if _, ok := directEdge(q); ok {
			edges++
		}
	}
	if edges != 1 {
		t.Errorf("%d direct edges, want 1", edges)
	}
}

// TestNetChange checks the deltas of a write: quads in both versions are
// left alone.
func TestNetChange(t *testing.T) {
	q := func(o string) quad.Quad { return quad.Make(quad.IRI("s"), quad.IRI("p"), o, quad.IRI("d")) }
	tests := []struct {
		name          string
		old, add      []quad.Quad
		added, remove []string
	}{
		{"new", nil, []quad.Quad{q("a"), q("b")}, []string{"a", "b"}, nil},
		{"removed", []quad.Quad{q("a"), q("b")}, nil, nil, []string{"a", "b"}},
		{"replaced", []quad.Quad{q("a"), q("b")}, []quad.Quad{q("b"), q("c")}, []string{"c"}, []string{"a"}},
		{"same", []quad.Quad{q("a")}, []quad.Quad{q("a")}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var added, removed []string
			for _, d := range netChange(tt.old, tt.add) {
				o := d.Quad.Object.Native().(string)
				if d.Action == cgraph.Add {
					added = append(added, o)
				} else {
					removed = append(removed, o)
				}
			}
			slices.Sort(added)
			slices.Sort(removed)
			if !slices.Equal(added, tt.added) || !slices.Equal(removed, tt.remove) {
				t.Errorf("added %v removed %v, want %v and %v", added, removed, tt.added, tt.remove)
			}
		})
	}
}
