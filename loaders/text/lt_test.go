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
		{"with a body's support (su … parama)",
			"Konferenciją „Miestai ir klimatas“ surengė Lietuvos savivaldybių asociacija su Europos Komisijos parama.",
			[]string{"European Commission|supported|Miestai ir klimatas"}, []string{"European Commission|organized|Miestai ir klimatas"}},
		{"support for a body with a lower-case head",
			"Seminarą „Švarus uostas“ organizavo Klaipėdos universitetas su Kauno NVO centro parama.",
			[]string{"Kauno NVO centro|supported|Švarus uostas"}, nil},
		{"with and no noun of support is no support",
			"Seminarą „Švarus uostas“ organizavo Klaipėdos universitetas su Kauno technologijos universitetu.",
			nil, []string{"Kauno technologijos universitetu|supported|Švarus uostas"}},
		{"session of a council of a municipality",
			"Vakar sušauktas neeilinis Kelmės rajono savivaldybės tarybos posėdis. Meras Jonas Petraitis, sveikindamas svečius, pristatė naują biudžetą.",
			[]string{"Jonas Petraitis|attended|neeilinis Kelmės rajono savivaldybės tarybos posėdis"}, nil},
		{"a town's genitive names the town, not its council",
			"Šiandien sušauktas neeilinis Birštono savivaldybės tarybos posėdis. Posėdžio darbotvarkėje – Birštono ir Lomžos (Lenkija) savivaldybių partnerystės sutarties pasirašymas.",
			[]string{"Birštono|partner_of|Lomžos"}, []string{"Birštono savivaldybės taryba|partner_of|Lomžos"}},
		{"object first: funded", "Projektą „Vaikų vasara“ finansavo Europos Komisija.",
			[]string{"European Commission|funded|Vaikų vasara"}, nil},
		{"object first: supported", "Festivalį „Miesto dienos“ parėmė Kauno miesto savivaldybė.",
			[]string{"Kauno miesto savivaldybė|supported|Miesto dienos"}, nil},
		{"object first: founded, lower-case head of a university",
			"Asociaciją „Šviesa“ 2010 m. įkūrė Vilniaus universitetas.",
			[]string{"Vilniaus universitetas|founded|Šviesa"}, []string{"Šviesa|founded|Vilniaus universitetas"}},
		{"subject first: founded", "Vilniaus universitetas 2010 m. įkūrė asociaciją „Šviesa“.",
			[]string{"Vilniaus universitetas|founded|Šviesa"}, []string{"Šviesa|founded|Vilniaus universitetas"}},
		{"object first: coordinates", "Programą „Sveiki miestai“ koordinuoja Pasaulio sveikatos organizacija.",
			[]string{"World Health Organization|coordinates|Sveiki miestai"}, nil},
		{"rengė organised", "Konferenciją „Žalias miestas“ rengė Lietuvos savivaldybių asociacija.",
			[]string{"Association of Local Authorities in Lithuania|organized|Žalias miestas"}, nil},
		{"joined a network with a lower-case head", "Telšių rajono savivaldybė įstojo į Europos miestų tinklą.",
			[]string{"Telšių rajono savivaldybė|member_of|Europos miestų tinklas"}, nil},
		{"joined a pact", "Molėtų rajono savivaldybė prisijungė prie Merų pakto.",
			[]string{"Molėtų rajono savivaldybė|member_of|Covenant of Mayors"}, nil},
		{"mayor of a town attends", "Alytaus miesto merė Ona Jonaitienė dalyvaus Baltijos miestų sąjungos konferencijoje.",
			[]string{"Ona Jonaitienė|represents|Alytus"}, nil},
		{"person first: atstovavo", "Jonas Jonaitis atstovavo Lietuvos savivaldybių asociacijai konferencijoje.",
			[]string{"Jonas Jonaitis|represents|Association of Local Authorities in Lithuania"}, nil},
		{"body first (dative): atstovauja", "Lietuvos savivaldybių asociacijai forume atstovauja direktorė Rūta Petrauskienė.",
			[]string{"Rūta Petrauskienė|represents|Association of Local Authorities in Lithuania"}, nil},
		{"event of a known network with a lower-case head", "Kauno miesto mero pavaduotojas Tomas Jonaitis dalyvavo Eurocities renginyje Briuselyje.",
			[]string{"Tomas Jonaitis|attended|Eurocities renginys", "Tomas Jonaitis|represents|Kaunas"}, nil},
		{"held in: surengta", "Konferencija „Sveiki miestai“ surengta Kaune 2024 m. spalio 3 d.",
			[]string{"Sveiki miestai|located_in|Kaunas"}, nil},
		{"feminine partners", "Biržų rajono savivaldybė ir Kupiškio rajono savivaldybė yra partnerės.",
			[]string{"Biržų rajono savivaldybė|partner_of|Kupiškio rajono savivaldybė"}, nil},
		{"members of an association", "Pasvalio rajono savivaldybė yra Lietuvos savivaldybių asociacijos narė.",
			[]string{"Pasvalio rajono savivaldybė|member_of|Association of Local Authorities in Lithuania"}, nil},
		{"organisers in a list", "Forumą „Jaunimas ir miestas“ organizavo Vilniaus miesto savivaldybė ir Lietuvos jaunimo organizacijų taryba.",
			[]string{"Vilniaus miesto savivaldybė|organized|Jaunimas ir miestas", "Lietuvos jaunimo organizacijų taryba|organized|Jaunimas ir miestas"}, nil},
		{"locative of a country after a body", "Memorandumą pasirašė Batumio savivaldybė Sakartvele ir Rygos savivaldybė Latvijoje.",
			[]string{"Batumio savivaldybė|located_in|Georgia", "Rygos savivaldybė|located_in|Latvia"}, nil},
	}
	checkTies(t, tests)
}

// TestUkrainianClauses checks Ukrainian rules written for the same kinds
// of sentence: a relative clause after a long title, a high-level event.
func TestUkrainianClauses(t *testing.T) {
	checkTies(t, []struct {
		name, text string
		want, not  []string
	}{
		{"relative clause after a title", "На форумі \"Міста: як громади працюють\", що проходила у Львові, вручено відзнаки.",
			[]string{"Міста: як громади працюють|located_in|Lviv"}, nil},
		{"high-level conference names its title", "На конференції високого рівня \"Чисте місто: досвід громад\", що проходила у Києві, виступив мер.",
			[]string{"Чисте місто: досвід громад|located_in|Kyiv"}, nil},
	})
}

// TestLithuanianDates checks the date forms of Lithuanian news: year with
// "m.", month in the genitive, day with "d.", and ranges.
func TestLithuanianDates(t *testing.T) {
	x := extractor(t)
	lx := x.lex["lt"]
	tests := []struct{ text, start, end string }{
		{"Forumas vyko 2024 m. spalio 3 d. Kaune.", "2024-10-03", ""},
		{"Forumas vyko 2024 m. spalio 3–5 d. Kaune.", "2024-10-03", "2024-10-05"},
		{"Mokymai truko nuo 2023 m. kovo 1 d. iki balandžio 30 d.", "2023-03-01", "2023-04-30"},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			ss := splitSentences(tc.text, x.abbrev)
			if len(ss) != 1 {
				t.Fatalf("%d sentences in %q", len(ss), tc.text)
			}
			s, e := sentenceDates(&ss[0], lx)
			if s != tc.start || e != tc.end {
				t.Errorf("dates = %q, %q; want %q, %q", s, e, tc.start, tc.end)
			}
		})
	}
}
