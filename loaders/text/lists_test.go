package text

import "testing"

// TestRespectively pairs an office's list of places with a list of
// persons in order, and only when the order is marked and every person of
// the sentence is in the list.
func TestRespectively(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"de colon",
			"Die Bürgermeister von Potsdam und Opole unterzeichneten den Vertrag: Anna Weber und Klaus Nowak.",
			[]string{"Anna Weber|represents|Potsdam", "Klaus Nowak|represents|Opole"},
			[]string{"Anna Weber|represents|Opole"}},
		{"en persons first, respectively",
			"Anna Berg and Peter Lund, the mayors of Tartu and Turku respectively, opened the forum.",
			[]string{"Anna Berg|represents|Tartu", "Peter Lund|represents|Turku"},
			[]string{"Anna Berg|represents|Turku"}},
		{"pl odpowiednio",
			"Porozumienie podpisali burmistrzowie Lublina i Rzeszowa, odpowiednio Anna Kowalska i Piotr Nowak.",
			[]string{"Anna Kowalska|represents|Lublin", "Piotr Nowak|represents|Rzeszów"},
			[]string{"Anna Kowalska|represents|Rzeszów"}},
		{"unmarked order pairs nothing",
			"The mayors of Tartu and Turku met Anna Berg and Peter Lund.",
			nil, []string{"Anna Berg|represents|Tartu", "Peter Lund|represents|Turku"}},
		{"a third person breaks the pairing",
			"Die Bürgermeister von Potsdam und Opole: Anna Weber und Klaus Nowak, begrüßt von Maria Schulz.",
			nil, []string{"Anna Weber|represents|Potsdam"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := triples(load(t, "t.txt", tc.text))
			for _, w := range tc.want {
				if !has(ts, w) {
					t.Errorf("missing %q; got %q", w, ts)
				}
			}
			for _, n := range tc.not {
				if has(ts, n) {
					t.Errorf("unwanted %q; got %q", n, ts)
				}
			}
		})
	}
}
