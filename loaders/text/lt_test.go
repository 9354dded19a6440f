package text

import "testing"

// TestLithuanian checks hand-written Lithuanian sentences, one or more per
// rule of the grammar: the ties they state and ties they must not yield.
func TestLithuanian(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"project team attended",
			"Projekto „Žalioji ateitis“ ir judėjimo „Jaunimo balsas“ dalyviai dalyvavo Baltijos jūros forume Rygoje.",
			[]string{"Žalioji ateitis|attended|Baltijos jūros forumas", "Jaunimo balsas|attended|Baltijos jūros forumas"}, nil},
		{"project without its team attends nothing",
			"Projektas „Žalioji ateitis“ dalyvavo Baltijos jūros forume.",
			nil, []string{"Žalioji ateitis|attended|Baltijos jūros forumas"}},
		{"team during an event (postposition metu)",
			"Vilniuje vyko konferencija „Miestai ir klimatas“. Konferencijos metu projekto „Žalioji ateitis“ ir judėjimo „Jaunimo balsas“ atstovai aplankė uostą.",
			[]string{"Žalioji ateitis|attended|Miestai ir klimatas", "Jaunimo balsas|attended|Miestai ir klimatas"}, nil},
		{"a genitive body during an event is no attendee",
			"Forumo metu dalyviai lankėsi Europos Parlamento posėdžiuose.",
			nil, []string{"European Parliament|attended|forumas"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := triples(load(t, tt.name+".txt", tt.text))
			for _, w := range tt.want {
				if !has(ts, w) {
					t.Errorf("missing %q; got %q", w, ts)
				}
			}
			for _, n := range tt.not {
				if has(ts, n) {
					t.Errorf("unexpected %q; got %q", n, ts)
				}
			}
		})
	}
}
