package gql

import (
	"testing"

	"github.com/ties-graph/ties/graph"
)

func ptr[T any](v T) *T { return &v }

func TestBound(t *testing.T) {
	tests := []struct {
		name string
		v    *int
		want int
		code string
	}{
		{"default", nil, 20, ""},
		{"in range", ptr(5), 5, ""},
		{"zero", ptr(0), 0, ""},
		{"at cap", ptr(100), 100, ""},
		{"over cap", ptr(101), 0, graph.EINVALID},
		{"negative", ptr(-1), 0, graph.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := bound("first", tc.v, DefaultFirst, 0, MaxFirst)
			if got != tc.want || graph.ErrorCode(err) != tc.code {
				t.Errorf("bound = %d, %v; want %d, code %q", got, err, tc.want, tc.code)
			}
		})
	}
}

func TestCursors(t *testing.T) {
	c := encodeCursor("doc", "krakow.txt")
	if v, err := decodeCursor("doc", &c); err != nil || v != "krakow.txt" {
		t.Errorf("round trip: %q, %v", v, err)
	}
	if v, err := decodeCursor("doc", nil); err != nil || v != "" {
		t.Errorf("nil cursor: %q, %v", v, err)
	}
	for _, bad := range []string{c + "!", "%%%", encodeCursor("rel", "x")} {
		if _, err := decodeCursor("doc", &bad); graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("cursor %q: err %v, want invalid", bad, err)
		}
	}
	off := encodeCursor("search", "4")
	if n, err := decodeOffset("search", &off); err != nil || n != 5 {
		t.Errorf("offset cursor: %d, %v; want 5 (the hit after the 5th)", n, err)
	}
	neg := encodeCursor("search", "-3")
	if _, err := decodeOffset("search", &neg); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("negative offset: %v", err)
	}
}

func TestComplexityMultipliesPages(t *testing.T) {
	c := Complexity()
	child := 10
	small := c.Query.Search(child, "x", nil, ptr(1), nil)
	def := c.Query.Search(child, "x", nil, nil, nil)
	big := c.Query.Search(child, "x", nil, ptr(100), nil)
	invalid := c.Query.Search(child, "x", nil, ptr(100000), nil)
	if !(small < def && def < big && invalid == big) {
		t.Errorf("search complexity: first 1 → %d, default → %d, 100 → %d, invalid → %d", small, def, big, invalid)
	}
	nested := c.Entity.Relations(c.Entity.Relations(child, nil, nil, ptr(100), nil), nil, nil, ptr(100), nil)
	if nested <= ComplexityLimit {
		t.Errorf("two nested full pages cost %d, under the limit %d", nested, ComplexityLimit)
	}
}
