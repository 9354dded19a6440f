package text

import "testing"

// TestTownlessMayors: a mayor named without a town is the mayor of the one
// town the sentence before names, and of none when it names two.
func TestTownlessMayors(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"de", "Das Treffen fand in Potsdam statt. Oberbürgermeister Klaus Weber begrüßte die Gäste aus Opole.",
			[]string{"Klaus Weber|represents|Potsdam"}, []string{"Klaus Weber|represents|Opole"}},
		{"en", "The forum was held in Tartu. Mayor Anna Berg welcomed the guests.",
			[]string{"Anna Berg|represents|Tartu"}, nil},
		{"pl", "Uroczystość odbyła się w Olsztynie. Burmistrz Jan Kowal podziękował gościom.",
			[]string{"Jan Kowal|represents|Olsztyn"}, nil},
		{"de mayor signs for the town", "Das Treffen fand in Potsdam statt. Oberbürgermeister Klaus Weber unterzeichnete eine Partnerschaft mit der Stadt Opole.",
			[]string{"Potsdam|partner_of|Opole", "Klaus Weber|represents|Potsdam"}, nil},
		{"two towns before: no guess", "Delegations from Tartu and Turku arrived. Mayor Anna Berg welcomed them.",
			nil, []string{"Anna Berg|represents|Tartu", "Anna Berg|represents|Turku"}},
		{"the town named with the office wins", "The forum was held in Tartu. The Mayor of Turku Anna Berg spoke.",
			[]string{"Anna Berg|represents|Turku"}, []string{"Anna Berg|represents|Tartu"}},
	}
	checkTies(t, tests)
}
