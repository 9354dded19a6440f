package text

import "testing"

// TestUnitsOfBodies checks the grammatical part_of rule: a name headed by a
// unit noun that names a known body as its complement is part of it, in
// every language, for gazetteer names and for names found in the text.
func TestUnitsOfBodies(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"pl known congress, body in the genitive",
			"Delegacja miasta wzięła udział w sesji Kongresu Władz Lokalnych i Regionalnych Rady Europy.",
			[]string{"Congress of Local and Regional Authorities of the Council of Europe|part_of|Council of Europe"}, nil},
		{"pl known congress named without its body",
			"Burmistrz spotkał się z przedstawicielami Kongresu Władz Lokalnych i Regionalnych.",
			[]string{"Congress of Local and Regional Authorities of the Council of Europe|part_of|Council of Europe"}, nil},
		{"en assembly of the body",
			"The Parliamentary Assembly of the Council of Europe adopted a resolution on local democracy.",
			[]string{"Parliamentary Assembly of the Council of Europe|part_of|Council of Europe"}, nil},
		{"en body before the head",
			"Observers from the OSCE Office for Democratic Institutions and Human Rights watched the vote.",
			[]string{"OSCE Office for Democratic Institutions and Human Rights|part_of|Organization for Security and Co-operation in Europe"}, nil},
		{"lt genitive first",
			"Europos Tarybos Parlamentinė Asamblėja priėmė rezoliuciją dėl vietos demokratijos.",
			[]string{"Parliamentary Assembly of the Council of Europe|part_of|Council of Europe"}, nil},
		{"uk congress of the council",
			"Делегація громади взяла участь у сесії Конгресу місцевих та регіональних влад Ради Європи.",
			[]string{"Congress of Local and Regional Authorities of the Council of Europe|part_of|Council of Europe"},
			[]string{"Congress of Local and Regional Authorities of the Council of Europe|part_of|Congress of Local and Regional Authorities under the President of Ukraine"}},
		{"de genitive",
			"Die Parlamentarische Versammlung des Europarates tagte im Oktober.",
			[]string{"Parliamentary Assembly of the Council of Europe|part_of|Council of Europe"}, nil},
		{"uk secretariat of a known office",
			"Секретаріат Уповноваженого Верховної Ради України з прав людини провів семінар для юристів.",
			[]string{"Секретаріат Уповноваженого Верховної Ради України з прав людини|part_of|Ukrainian Parliament Commissioner for Human Rights"}, nil},
		{"pl board of a known association",
			"Zarząd Związku Miast Polskich przyjął stanowisko w sprawie budżetu.",
			[]string{"Zarząd Związku Miast Polskich|part_of|Association of Polish Cities"}, nil},
		{"en board of a known network",
			"The Executive Board of the Union of the Baltic Cities met in Gdynia.",
			[]string{"Executive Board of the Union of the Baltic Cities|part_of|Union of the Baltic Cities"}, nil},
		{"lt board of a known association, genitive first",
			"Lietuvos savivaldybių asociacijos valdyba pritarė pasiūlymui.",
			[]string{"Lietuvos savivaldybių asociacijos valdyba|part_of|Association of Local Authorities in Lithuania"}, nil},
		{"lt unit of a municipality named in the genitive",
			"Sveikinimo žodį tarė Utenos rajono savivaldybės valdybos vicepirmininkas Jonas Petraitis.",
			[]string{"Jonas Petraitis|member_of|Utenos rajono savivaldybės valdyba"}, nil},
		{"a network named after a body is no unit of it",
			"Europejska Sieć Zdrowych Miast WHO zebrała się w Kopenhadze.",
			nil, []string{"WHO European Healthy Cities Network|part_of|World Health Organization"}},
		{"a city office is no unit of a body",
			"Urząd Miasta Krakowa ogłosił konkurs.",
			nil, []string{"Urząd Miasta Krakowa|part_of|Kraków"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex := load(t, "t.txt", tc.text)
			ts := triples(ex)
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
			for _, st := range ex.Statements {
				if st.Evidence.Sentence == "" {
					t.Errorf("%s %s %s: no evidence sentence", st.Subject.Name, st.Predicate, st.Object.Name)
				}
			}
		})
	}
}

// TestPlacesInBrackets: a body named in brackets after a country sits in
// that country; a known international body does not.
func TestPlacesInBrackets(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"pl associations after their countries",
			"Projekt prowadzą stowarzyszenia gmin z Bułgarii (National Association of Municipalities in Bulgaria) i Estonii (Association of Estonian Cities and Municipalities).",
			[]string{"National Association of Municipalities in Bulgaria|located_in|Bulgaria", "Association of Estonian Cities and Municipalities|located_in|Estonia"}, nil},
		{"en known body in brackets stays where it is",
			"Delegates from France (UNESCO) spoke first.",
			nil, []string{"UNESCO|located_in|France"}},
	}
	checkTies(t, tests)
}

// TestCountryAdjectives: a town named after a country's adjective and a
// town noun lies in that country; a dateline places its sentence's events.
func TestCountryAdjectives(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"de", "Teltow besiegelt eine Partnerschaft mit der ukrainischen Stadt Chotyn.", []string{"Khotyn|located_in|Ukraine"}, nil},
		{"en", "The Ukrainian city of Khotyn signed the agreement with Teltow.", []string{"Khotyn|located_in|Ukraine"}, nil},
		{"pl", "Delegacja przyjechała do Lublina z ukraińskiego miasta Chocim.", []string{"Khotyn|located_in|Ukraine"}, []string{"Lublin|located_in|Ukraine"}},
		{"uk", "Делегація з польського міста Краків прибула до Львова.", []string{"Kraków|located_in|Poland"}, []string{"Lviv|located_in|Poland"}},
		{"lt", "Delegacija iš Lenkijos miesto Liublino atvyko į Kauną.", nil, []string{"Kaunas|located_in|Poland"}},
		{"no town noun, no place", "The Ukrainian delegation met Lublin officials.", nil, []string{"Lublin|located_in|Ukraine"}},
		{"dateline", "Gdynia, Poland — Mayors of twenty cities took part in the Baltic Urban Forum.", []string{"Baltic Urban Forum|located_in|Gdynia"}, nil},
		{"dateline yields to a stated place", "Gdynia – Mayors of twenty cities met at the Baltic Urban Forum held in Sopot.", []string{"Baltic Urban Forum|located_in|Sopot"}, []string{"Baltic Urban Forum|located_in|Gdynia"}},
	}
	checkTies(t, tests)
}
