package text

import "testing"

// TestSubEvents: a held session or panel is part of the conference named
// before it; a session no one is said to attend is left alone.
func TestSubEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"pl counted session",
			"XII Konferencja Miast Partnerskich odbyła się w Lublinie. Druga sesja plenarna dotyczyła funduszy unijnych.",
			[]string{"Druga sesja plenarna|part_of|XII Konferencja Miast Partnerskich"}, nil},
		{"en attended panel",
			"The Baltic Urban Forum took place in Gdynia. Anna Berg took part in the Panel on Urban Mobility.",
			[]string{"Panel on Urban Mobility|part_of|Baltic Urban Forum"}, nil},
		{"uk attended session",
			"У Києві відбувся Форум громад. У сесії взяв участь Андрій Мельник.",
			[]string{"сесія|part_of|Форум громад"}, nil},
		{"a session nobody attends",
			"The Baltic Urban Forum took place in Gdynia. The session was long.",
			nil, []string{"session|part_of|Baltic Urban Forum"}},
		{"no conference before",
			"Anna Berg took part in the panel on mobility in Gdynia.",
			nil, []string{"panel|part_of|"}},
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
				for _, x := range ts {
					if len(x) >= len(n) && has([]string{x[:len(n)]}, n) {
						t.Errorf("unwanted %q; got %q", n, ts)
					}
				}
			}
		})
	}
}

// TestEventTitles: an English title names its event up to the verb that
// says it took place.
func TestEventTitles(t *testing.T) {
	ts := triples(load(t, "t.txt", "Meeting of UBC Estonian member cities took place in Tartu\n\nThe delegates discussed the budget."))
	if want := "Meeting of UBC Estonian member cities|located_in|Tartu"; !has(ts, want) {
		t.Errorf("missing %q; got %q", want, ts)
	}
	ts = triples(load(t, "t.txt", "The Baltic Forum on housing was held in Riga."))
	if want := "Baltic Forum|located_in|Riga"; !has(ts, want) && !has(ts, "Baltic Forum on housing|located_in|Riga") {
		t.Errorf("missing the forum's place; got %q", ts)
	}
}
