package text

import "testing"

// TestSpeech: people who speak at an event took part in it; an event named
// only as the topic of a speech is not where it was held.
func TestSpeech(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"en event of the last sentences",
			"The conference took place in Turku. Anna Berg, Mayor of Tartu, welcomed the guests.",
			[]string{"Anna Berg|attended|The conference"}, nil},
		{"en opening address before the speaker",
			"The conference was held in Riga. In her opening address, Dr Anna Berg spoke about health.",
			[]string{"Anna Berg|attended|The conference"}, nil},
		{"pl verb before the speaker",
			"Konferencja odbyła się w Lublinie. Obrady otworzył prezydent miasta Jan Kowal.",
			[]string{"Jan Kowal|attended|Obrady"}, nil},
		{"uk",
			"У Львові відбувся форум. Із вітальним словом виступив Андрій Мельник.",
			[]string{"Андрій Мельник|attended|форум"}, nil},
		{"de",
			"Die Konferenz fand in Potsdam statt. Bürgermeisterin Anna Weber eröffnete die Sitzung.",
			[]string{"Anna Weber|attended|Sitzung"}, nil},
		{"pl list of speakers with countries, and a second clause",
			"Spotkanie odbyło się w Strasburgu. Anna Nowak (Polska) i Jan Berg (Szwecja) podzielili się doświadczeniami, a przedstawicielka miasta Maria Lund przedstawiła projekt.",
			[]string{"Anna Nowak|attended|Spotkanie", "Jan Berg|attended|Spotkanie", "Maria Lund|attended|Spotkanie"}, nil},
		{"topic, not venue",
			"The meeting was held in Gdansk. Anna Berg presented the work of the Culture Forum.",
			nil, []string{"Anna Berg|attended|Culture Forum"}},
		{"no event, no attendance",
			"Anna Berg presented the new budget of the city.",
			nil, []string{"Anna Berg|attended|"}},
	}
	checkTies(t, tests)
}

// TestDuring: an actor of a sentence that opens with "during <event>"
// (after a date, past "one of the") took part in it; a body named by a
// bare noun does not.
func TestDuring(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"pl date first, body acts",
			"Forum odbyło się w Lublinie. 5 maja 2024 podczas jednego z paneli, Fundacja Rozwoju Miast opowiedziała o swoich projektach.",
			[]string{"Fundacja Rozwoju Miast|attended|paneli"}, nil},
		{"pl bare noun body is no actor",
			"Fundacja Rozwoju Miast działa od lat. Podczas konferencji głos zabierali przedstawiciele organizacji z Polski.",
			nil, []string{"Fundacja Rozwoju Miast|attended|konferencja"}},
		{"en an event's head does not run over a bare article into the next name",
			"During its session the Kraków City Council approved a memorandum of cooperation with Lviv.",
			nil, []string{"City Council|attended|session the Kraków"}},
		{"en of the, then the name",
			"During the conference of the Union of the Baltic Cities, Anna Nowak spoke about Gdańsk.",
			[]string{"Anna Nowak|attended|conference of the Union of the Baltic Cities"}, nil},
	}
	checkTies(t, tests)
}
