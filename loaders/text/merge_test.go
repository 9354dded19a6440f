package text

import "testing"

// TestShortForms: a body first named by a shorter form with the same head
// is the full name met later; a branch named as "X POST" stays apart.
func TestShortForms(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"en short form met first",
			"The Executive Board met in Riga. Anna Berg, UBC Board Member, opened the session. The President thanked the UBC Executive Board for its work.",
			[]string{"Anna Berg|member_of|UBC Executive Board"}, []string{"Anna Berg|member_of|UBC Board"}},
		{"pl event named by kind and complement is the counted one",
			"Zdjęcie przedstawia uczestników spotkania Rady Partnerów Miast Bałtyckich w Gdyni. Anna Nowak wzięła udział w pierwszym spotkaniu Rady Partnerów Miast Bałtyckich.",
			[]string{"pierwsze spotkanie Rady Partnerów Miast Bałtyckich|located_in|Gdynia", "Anna Nowak|attended|pierwsze spotkanie Rady Partnerów Miast Bałtyckich"}, nil},
		{"pl two counted events stay apart",
			"W marcu odbyło się pierwsze spotkanie Rady Partnerów Miast Bałtyckich w Gdyni. Anna Nowak wzięła udział w drugim spotkaniu Rady Partnerów Miast Bałtyckich.",
			[]string{"Anna Nowak|attended|drugie spotkanie Rady Partnerów Miast Bałtyckich"},
			[]string{"Anna Nowak|attended|pierwsze spotkanie Rady Partnerów Miast Bałtyckich"}},
		{"pl branch keeps its name",
			"Fundacja Rozwoju Demokracji Lokalnej współpracuje z wieloma partnerami. Fundacja Rozwoju Demokracji Lokalnej POST w Rzeszowie koordynuje program „Aktywni Razem”.",
			[]string{"Fundacja Rozwoju Demokracji Lokalnej POST w Rzeszowie|coordinates|Aktywni Razem"}, nil},
	}
	checkTies(t, tests)
}
