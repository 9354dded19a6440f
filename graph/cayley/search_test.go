package cayley

import (
	"testing"

	"github.com/ties-graph/ties/graph"
)

func TestScoreOrder(t *testing.T) {
	// Each case's score must be above the next one's.
	tests := []struct {
		name, query, form string
	}{
		{"exact", "Kraków", "krakow"},
		{"prefix of the whole name", "Kraków", "Kraków Technology Park"},
		{"inflected", "Krakowie", "Kraków"},
		{"token prefix", "Techn", "Kraków Technology Park"},
		{"similar (a typo)", "Eurocitties", "Eurocities"},
	}
	prev := 2.0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := score(newForm(tt.query), newForm(tt.form))
			if sc < minScore || sc >= prev {
				t.Errorf("score(%q, %q) = %v, want in [%v, %v)", tt.query, tt.form, sc, minScore, prev)
			}
			prev = sc
		})
	}
}

func TestScoreMisses(t *testing.T) {
	tests := []struct{ query, form string }{
		{"Lublin", "Berlin"},
		{"Rada", "Eurocities"},
		{"kra", "Vilnius"},
	}
	for _, tt := range tests {
		if sc := score(newForm(tt.query), newForm(tt.form)); sc >= minScore {
			t.Errorf("score(%q, %q) = %v, want below %v", tt.query, tt.form, sc, minScore)
		}
	}
}

func TestCandidates(t *testing.T) {
	ix := newSearchIndex()
	ix.put(entityNamed("krakow", "Kraków", "Krakowie"))
	ix.put(entityNamed("lviv", "Lviv", "Львів"))
	ix.put(entityNamed("coe", "Council of Europe", "Rada Europy"))
	tests := []struct {
		query string
		want  string
	}{
		{"Krakowa", "krakow"},
		{"Львів", "lviv"},
		{"europy", "coe"},
		{"Lvov", "lviv"},
	}
	for _, tt := range tests {
		if _, ok := ix.candidates(newForm(tt.query))[tt.want]; !ok {
			t.Errorf("candidates(%q) miss %s", tt.query, tt.want)
		}
	}
	ix.remove("lviv")
	if _, ok := ix.candidates(newForm("Lviv"))["lviv"]; ok {
		t.Errorf("removed entity still a candidate")
	}
}

func entityNamed(id, name string, aliases ...string) graph.Entity {
	return graph.Entity{ID: id, Name: name, Type: graph.City, Aliases: aliases}
}
