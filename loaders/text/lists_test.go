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
	checkTies(t, tests)
}

// TestAttendeeLists: delegates of a body listed with persons make the body
// an attendee; a second verb of the clause shares its event.
func TestAttendeeLists(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"pl colon list with delegates",
			"W konferencji wzięli udział: Burmistrz Opola – Jan Kowal oraz przedstawiciele Związku Miast Polskich.",
			[]string{"Jan Kowal|attended|konferencja", "Association of Polish Cities|attended|konferencja"},
			[]string{"Opole|attended|konferencja"}},
		{"en delegates after persons",
			"The conference was attended by Anna Berg and representatives of the Association of Polish Cities.",
			[]string{"Anna Berg|attended|The conference", "Association of Polish Cities|attended|The conference"}, nil},
		{"a body with its officer is no delegation",
			"W konferencji wzięli udział: Jan Kowal oraz przedstawicielka Związku Miast Polskich Anna Nowak.",
			[]string{"Anna Nowak|attended|konferencja"},
			[]string{"Association of Polish Cities|attended|konferencja"}},
		{"en second verb of the clause",
			"The forum was organised by the City of Turku and attended by Mayor of Tartu Urmas Klaas.",
			[]string{"Urmas Klaas|attended|The forum", "Turku|organized|The forum"},
			[]string{"Tartu|attended|The forum"}},
	}
	checkTies(t, tests)
}

// TestGenitiveMembers: Lithuanian "X yra Y narys".
func TestGenitiveMembers(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"town noun subject", "Vilniaus miestas yra Baltijos miestų sąjungos narys.", []string{"Vilnius|member_of|Union of the Baltic Cities"}, nil},
		{"name and head noun", "Praėjusiais metais Kauno miestas tapo Eurocities tinklo nariu.", []string{"Kaunas|member_of|Eurocities"}, nil},
		{"no copula, no tie", "Kaunas ir Eurocities tinklo narys susitiko.", nil, []string{"Kaunas|member_of|Eurocities"}},
	}
	checkTies(t, tests)
}

// TestBracketBodies: bodies named in brackets after their countries are
// members of the list, not the countries.
func TestBracketBodies(t *testing.T) {
	ts := triples(load(t, "t.txt", "Projekt „Miasta razem” realizowany jest wspólnie ze Związkiem Miast Polskich oraz stowarzyszeniami gmin z Bułgarii (National Association of Municipalities) i Estonii (Association of Estonian Cities)."))
	for _, w := range []string{"Association of Polish Cities|organized|Miasta razem", "National Association of Municipalities|organized|Miasta razem", "Association of Estonian Cities|organized|Miasta razem"} {
		if !has(ts, w) {
			t.Errorf("missing %q; got %q", w, ts)
		}
	}
	for _, n := range []string{"Bulgaria|organized|Miasta razem", "Estonia|organized|Miasta razem"} {
		if has(ts, n) {
			t.Errorf("unwanted %q; got %q", n, ts)
		}
	}
}

// TestTownNounInList: a plural town noun after some members does not end
// the list.
func TestTownNounInList(t *testing.T) {
	ts := triples(load(t, "t.txt", "The conference was attended by delegates from Vilnius, Riga cities and Tartu."))
	for _, w := range []string{"Vilnius|attended|The conference", "Tartu|attended|The conference"} {
		if !has(ts, w) {
			t.Errorf("missing %q; got %q", w, ts)
		}
	}
}
