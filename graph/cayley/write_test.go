package cayley

import (
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

func TestSplitNeeded(t *testing.T) {
	d, e := quad.IRI("ties:d/x"), quad.IRI("ties:e/x")
	q := func(p string, o string) quad.Quad { return quad.Make(e, quad.IRI(p), o, d) }
	add := func(q quad.Quad) cgraph.Delta { return cgraph.Delta{Quad: q, Action: cgraph.Add} }
	del := func(q quad.Quad) cgraph.Delta { return cgraph.Delta{Quad: q, Action: cgraph.Delete} }
	tests := []struct {
		name   string
		deltas []cgraph.Delta
		want   bool
	}{
		{"adds only", []cgraph.Delta{add(q("a", "1")), add(q("b", "2"))}, false},
		{"removals only", []cgraph.Delta{del(q("a", "1")), del(q("b", "2"))}, false},
		{"same size replace", []cgraph.Delta{del(q("a", "1")), add(q("a", "2"))}, false},
		// Two quads of the document go, one comes: the document and entity
		// nodes lose a reference while the new quad needs them.
		{"shrinking replace", []cgraph.Delta{del(q("a", "1")), del(q("b", "2")), add(q("a", "3"))}, true},
		{"growing replace", []cgraph.Delta{del(q("a", "1")), add(q("a", "2")), add(q("b", "3"))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitNeeded(tt.deltas); got != tt.want {
				t.Errorf("splitNeeded = %v, want %v", got, tt.want)
			}
		})
	}
}
