package text

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// newTest builds one extractor for all tests of the package.
var newTest = sync.OnceValues(func() (*Extractor, error) {
	return New(context.Background(), Options{})
})

func extractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := newTest()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return x
}

func load(t testing.TB, name, text string) graph.Extraction {
	t.Helper()
	ex, err := extractor(t).Load(context.Background(), loaders.Input{Name: name, Data: []byte(text)})
	if err != nil {
		t.Fatalf("Load %s: %v", name, err)
	}
	return ex
}

// triples lists the statements as "subject name|predicate|object name".
func triples(ex graph.Extraction) []string {
	var out []string
	for _, s := range ex.Statements {
		out = append(out, s.Subject.Name+"|"+string(s.Predicate)+"|"+s.Object.Name)
	}
	return out
}

func has(ts []string, want string) bool {
	alt := ""
	if p := strings.Split(want, "|"); len(p) == 3 && graph.Predicate(p[1]).Symmetric() {
		alt = p[2] + "|" + p[1] + "|" + p[0]
	}
	for _, t := range ts {
		if graph.Fold(t) == graph.Fold(want) || alt != "" && graph.Fold(t) == graph.Fold(alt) {
			return true
		}
	}
	return false
}

// TestRelations checks hand-written sentences per language: the ties they
// state and, as important, ties they must not yield.
func TestRelations(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"pl membership list", "Do sieci Eurocities należy ponad 100 miast, w tym Ryga, Wilno i Tallin.",
			[]string{"Riga|member_of|Eurocities", "Vilnius|member_of|Eurocities", "Tallinn|member_of|Eurocities"}, nil},
		{"pl joined", "W 2020 roku Gdynia dołączyła do Związku Miast Bałtyckich.",
			[]string{"Gdynia|member_of|Union of the Baltic Cities"}, nil},
		{"pl organised by", "Konferencja „Miasta przyszłości” organizowana przez Związek Miast Polskich odbyła się w Poznaniu.",
			[]string{"Association of Polish Cities|organized|Miasta przyszłości", "Miasta przyszłości|located_in|Poznań"}, nil},
		{"pl office holder", "Ambasador Szwecji w Polsce – Anna Lindberg otworzyła spotkanie.",
			[]string{"Anna Lindberg|represents|Sweden"}, []string{"Anna Lindberg|represents|Poland"}},
		{"pl acronym and place", "Fundacja Pomocy Miastom (FPM) z Litwy współpracuje z Gdańskiem.",
			[]string{"Fundacja Pomocy Miastom|located_in|Lithuania"}, nil},
		{"uk memorandum", "Житомирська міська рада підписала Меморандум про співпрацю з Асоціацією міст України.",
			[]string{"Житомирська міська рада|partner_of|Association of Ukrainian Cities"}, nil},
		{"uk office and meeting", "Міський голова Полтави Олександр Мамай провів зустріч з Послом Литви.",
			[]string{"Олександр Мамай|represents|Poltava"}, nil},
		{"lt partners with countries", "Kiti Alytaus miestai partneriai: Rakvere (Estija), Kolding (Danija).",
			[]string{"Rakvere|located_in|Estonia", "Kolding|located_in|Denmark"}, nil},
		{"lt mayor", "Sveikinimo žodį tarė Panevėžio meras Rytis Račkauskas.",
			[]string{"Rytis Račkauskas|represents|Panevėžys"}, nil},
		{"en held in", "The 12th annual conference of the Union of the Baltic Cities was held in Turku.",
			[]string{"12th annual conference of the Union of the Baltic Cities|located_in|Turku"},
			[]string{"Union of the Baltic Cities|located_in|Turku"}},
		{"en person comma office", "The meeting was opened by Anna Berg, Mayor of Tartu.",
			[]string{"Anna Berg|represents|Tartu"}, nil},
		{"de member", "Die Stadt Dresden ist Mitglied im Netzwerk Eurocities.",
			[]string{"Dresden|member_of|Eurocities"}, nil},
		{"uk town adjective", "Житомирський міський голова Сергій Сухомлин відкрив форум.",
			[]string{"Сергій Сухомлин|represents|Zhytomyr"}, nil},
		{"en mayor name of town", "The forum was opened by Mayor Anna Berg of Tartu.",
			[]string{"Anna Berg|represents|Tartu"}, nil},
		{"pl represented by", "Miasto Gdynia, reprezentowane przez wiceprezydenta Jana Nowaka, przystąpiło do sieci Eurocities.",
			[]string{"Jan Nowak|represents|Gdynia", "Gdynia|member_of|Eurocities"}, []string{"Jan Nowak|member_of|Eurocities"}},
		{"de partner towns", "Die Städte Potsdam und Opole sind seit 1973 Partnerstädte.",
			[]string{"Potsdam|partner_of|Opole"}, nil},
		{"lt signed agreement", "Utenos rajono savivaldybė ir Jelgavos miesto savivaldybė pasirašė bendradarbiavimo sutartį.",
			[]string{"Utenos rajono savivaldybė|partner_of|Jelgavos miesto savivaldybė"}, nil},
		{"en ordinal office of a body", "Marie Lund, UBC 1st Vice-President, Mayor of Umeå, spoke first.",
			[]string{"Marie Lund|represents|Union of the Baltic Cities", "Marie Lund|represents|Umeå"}, nil},
		{"pl the city is the last town", "Olsztyn należy do Związku Miast Bałtyckich. Wcześniej miasto przystąpiło do sieci Eurocities.",
			[]string{"Olsztyn|member_of|Eurocities"}, []string{"Union of the Baltic Cities|member_of|Eurocities"}},
		{"en the city is the last town", "Tartu hosted the forum. In 2021 the city joined the Covenant of Mayors.",
			[]string{"Tartu|member_of|Covenant of Mayors"}, nil},
		{"uk the city is the last town", "Житомир приймав форум. Торік місто приєдналося до мережі Eurocities.",
			[]string{"Zhytomyr|member_of|Eurocities"}, nil},
		{"pl two-word office, its country and seat", "Na spotkaniu obecny był także Konsul Honorowy Szwecji w Gdyni Jan Lindqvist.",
			[]string{"Jan Lindqvist|represents|Sweden", "Jan Lindqvist|attended|spotkanie"}, []string{"Jan Lindqvist|represents|Gdynia"}},
		{"pl town then its mayor's name", "W piątek burmistrz Rovaniemi Anna Vainio podpisała umowę.",
			[]string{"Anna Vainio|represents|Rovaniemi"}, nil},
		{"pl organiser of the event", "W Gdyni odbyło się Forum Miast Bałtyckich. Organizatorem wydarzenia był Związek Miast Polskich.",
			[]string{"Association of Polish Cities|organized|Forum Miast Bałtyckich"}, nil},
		{"de particles inside a family name", "Die Sitzung eröffnete Klaus von der Heide, Bürgermeister von Potsdam.",
			[]string{"Klaus von der Heide|represents|Potsdam"}, nil},
		{"a particle needs a given name before it", "Das Forum fand in der Stadt de Gaulle statt.",
			nil, []string{"de Gaulle|located_in|"}},
		{"pl lower-case region", "W sesji udział wzięli Jan Nowak (wicemarszałek województwa pomorskiego) i Anna Lis (prezydent Słupska).",
			[]string{"Jan Nowak|represents|województwo pomorskie", "Anna Lis|represents|Słupsk"}, nil},
		{"co-occurrence is no tie", "Gdańsk, Sopot i Gdynia leżą nad morzem, a Warszawa nie.",
			nil, []string{"Gdańsk|member_of|Gdynia", "Gdańsk|partner_of|Gdynia"}},
	}
	checkTies(t, tests)
}

// TestResolution checks which mentions become one entity and which stay
// apart.
func TestResolution(t *testing.T) {
	tests := []struct {
		name, text string
		same       [][2]string // two surface forms that must share an entity
		apart      [][2]string // two surface forms that must not
	}{
		{"inflected city forms", "Kraków leży w Polsce. W Krakowie mieszka wielu studentów.",
			[][2]string{{"Kraków", "Krakowie"}}, nil},
		{"acronym in brackets", "Polsko-Amerykańska Fundacja Wolności (PAFW) wspiera biblioteki. PAFW działa od 2000 roku.",
			[][2]string{{"Polsko-Amerykańska Fundacja Wolności", "PAFW"}}, nil},
		{"org in two cases", "Stowarzyszenie Miast Zielonych ma nową siedzibę. Członkowie Stowarzyszenia Miast Zielonych głosowali.",
			[][2]string{{"Stowarzyszenie Miast Zielonych", "Stowarzyszenia Miast Zielonych"}}, nil},
		{"surname only", "Anna Kowalska otworzyła obrady. Następnie Kowalska podziękowała gościom.",
			[][2]string{{"Anna Kowalska", "Kowalska"}}, nil},
		{"same surname, other person", "Jan Nowak przemawiał pierwszy. Potem głos zabrała Maria Nowak.",
			nil, [][2]string{{"Jan Nowak", "Maria Nowak"}}},
		{"Cyrillic and Latin country", "Україна підписала угоду. Ukraine signed the agreement.",
			[][2]string{{"Україна", "Ukraine"}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex := load(t, "r.txt", tc.text)
			owner := func(surface string) string {
				for _, e := range ex.Entities {
					for _, a := range append([]string{e.Name}, e.Aliases...) {
						if a == surface {
							return e.ID
						}
					}
				}
				return ""
			}
			for _, p := range tc.same {
				a, b := owner(p[0]), owner(p[1])
				if a == "" || a != b {
					t.Errorf("%q (%s) and %q (%s) should be one entity; entities %+v", p[0], a, p[1], b, ex.Entities)
				}
			}
			for _, p := range tc.apart {
				a, b := owner(p[0]), owner(p[1])
				if a == "" || b == "" || a == b {
					t.Errorf("%q (%s) and %q (%s) should be two entities", p[0], a, p[1], b)
				}
			}
		})
	}
}

// TestGazetteerWithoutArticle: a known English name written without its
// inner article is the known entity, in a document that never writes the
// article.
func TestGazetteerWithoutArticle(t *testing.T) {
	ex := load(t, "a.txt", "Turku is a member of the Union of Baltic Cities.")
	for _, e := range ex.Entities {
		if e.Name == "Union of Baltic Cities" || slices.Contains(e.Aliases, "Union of Baltic Cities") {
			if e.ID != "ubc" {
				t.Errorf("Union of Baltic Cities is %q, want the gazetteer's ubc", e.ID)
			}
			return
		}
	}
	t.Errorf("no entity for Union of Baltic Cities: %+v", ex.Entities)
}

// TestStableIDs checks that one actor gets one id in every document and
// language, and that output is the same on every run.
func TestStableIDs(t *testing.T) {
	a := load(t, "a.txt", "Wilno dołączyło do sieci Eurocities.")
	b := load(t, "b.txt", "Vilnius joined Eurocities in 2020.")
	ids := func(ex graph.Extraction) map[string]bool {
		m := map[string]bool{}
		for _, e := range ex.Entities {
			m[e.ID] = true
		}
		return m
	}
	for _, id := range []string{"vilnius", "eurocities"} {
		if !ids(a)[id] || !ids(b)[id] {
			t.Errorf("id %s not in both documents: %v / %v", id, ids(a), ids(b))
		}
	}
	c := load(t, "a.txt", "Wilno dołączyło do sieci Eurocities.")
	if fmt.Sprint(triples(a), a.Entities) != fmt.Sprint(triples(c), c.Entities) {
		t.Errorf("same input, different output")
	}
}

// TestDocumentAndEvidence checks the document fields and that evidence
// offsets are code points into the text.
func TestDocumentAndEvidence(t *testing.T) {
	text := "\n  Łódź w sieci  \nŁódź należy do sieci Eurocities od 2005 roku.\n"
	ex := load(t, "lodz.txt", text)
	if ex.Document.ID != "lodz.txt" || ex.Document.Title != "Łódź w sieci" || ex.Document.Language != "pl" || ex.Document.Format != "text" {
		t.Errorf("document = %+v", ex.Document)
	}
	if len(ex.Statements) == 0 {
		t.Fatalf("no statements from %q", text)
	}
	rs := []rune(text)
	for _, s := range ex.Statements {
		if got := string(rs[s.Evidence.Start:s.Evidence.End]); got != s.Evidence.Sentence {
			t.Errorf("evidence [%d:%d] = %q, sentence %q", s.Evidence.Start, s.Evidence.End, got, s.Evidence.Sentence)
		}
		if s.Rule == "" || s.Confidence <= 0 || s.Confidence > 1 {
			t.Errorf("statement %+v lacks rule or confidence", s)
		}
		if s.Start != "2005" {
			t.Errorf("start = %q, want 2005", s.Start)
		}
	}
}

// TestDates checks the date forms of each language.
func TestDates(t *testing.T) {
	x := extractor(t)
	tests := []struct{ lang, text, start, end string }{
		{"pl", "W dniach 13-15 listopada 2023 odbyła się konferencja.", "2023-11-13", "2023-11-15"},
		{"pl", "Projekt trwał od 1 maja do 31 grudnia 2022.", "2022-05-01", "2022-12-31"},
		{"lt", "Sesija vyko nuo 2025 m. birželio 16 d. iki liepos 9 d.", "2025-06-16", "2025-07-09"},
		{"en", "The meeting was held on 19-20 October 2006.", "2006-10-19", "2006-10-20"},
		{"de", "Am Donnerstag, 26. Januar 2023, wurde unterzeichnet.", "2023-01-26", ""},
		{"uk", "Зустріч відбулася 15.02.2022 у Києві.", "2022-02-15", ""},
		{"uk", "13 червня 2024 року пройшов форум.", "2024-06-13", ""},
	}
	for _, tc := range tests {
		t.Run(tc.lang+" "+tc.start, func(t *testing.T) {
			ss := splitSentences(tc.text, x.abbrev)
			if len(ss) != 1 {
				t.Fatalf("%d sentences in %q", len(ss), tc.text)
			}
			s, e := sentenceDates(&ss[0], x.lex[tc.lang])
			if s != tc.start || e != tc.end {
				t.Errorf("dates = %q, %q; want %q, %q", s, e, tc.start, tc.end)
			}
		})
	}
}

// TestSentences checks that abbreviations and initials do not end sentences.
func TestSentences(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text string
		n    int
	}{
		{"Wzięli udział m.in. prezydent miasta i A. Nowak. Potem była przerwa.", 2},
		{"Spotkanie odbyło się przy ul. Długiej 5. Wszyscy przyszli.", 2},
		{"Зустріч відбулася у м. Києві. Далі був обід.", 2},
		{"Konferencja pt. „Miasta. Ludzie. Prawa” trwała dwa dni. Koniec.", 2},
		{"Line one\nLine two", 2},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			ss := splitSentences(tc.text, x.abbrev)
			if len(ss) != tc.n {
				var got []string
				for _, s := range ss {
					got = append(got, s.text)
				}
				t.Errorf("%d sentences %q, want %d", len(ss), got, tc.n)
			}
		})
	}
}

// TestLoadErrors checks that bad input gets an error naming the document.
func TestLoadErrors(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"latin1.txt", []byte("Kraków \xf3\xb3")},
		{"binary.txt", []byte("abc\x00def")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.Load(context.Background(), loaders.Input{Name: tc.name, Data: tc.data})
			if err == nil || !strings.Contains(err.Error(), tc.name) {
				t.Errorf("err = %v, want an error naming %s", err, tc.name)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Load(ctx, loaders.Input{Name: "c.txt", Data: []byte("Kraków.")}); err == nil {
		t.Errorf("Load with a cancelled context: no error")
	}
}

// TestGazetteerData checks the data files: every entry typed, no id twice
// with two types (loadGazetteer fails on that), countries generated.
func TestGazetteerData(t *testing.T) {
	x := extractor(t)
	for _, id := range []string{"poland", "ukraine", "lithuania", "germany", "council-of-europe", "un", "warsaw", "kyiv"} {
		if x.gaz.byID[id] == nil {
			t.Errorf("gazetteer lacks %s", id)
		}
	}
	for _, e := range x.gaz.entries {
		if !e.typ.Valid() || e.name == "" {
			t.Errorf("bad entry %+v", e)
		}
	}
}

// FuzzLoad checks that no input makes Load panic and that evidence offsets
// always point into the text.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"Do sieci Eurocities należy ponad 100 miast, w tym Ryga, Wilno i Tallin.",
		"Konferencja „Miasta przyszłości” organizowana przez Związek Miast Polskich (ZMP) odbyła się w Poznaniu.",
		"Житомирська міська рада підписала Меморандум про співпрацю з Асоціацією міст України.",
		"Kiti Alytaus miestai partneriai: Rakvere (Estija), Kolding (Danija).",
		"The meeting was opened by Anna Berg, Mayor of Tartu. Die Städte Potsdam und Opole sind Partnerstädte.",
		"W otwarciu wzięli udział: Ambasador Islandii w Polsce – Jan Berg, (ZMP) „ ” « » ( ) – : ;",
	} {
		f.Add(s)
	}
	x, err := New(context.Background(), Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ex, err := x.Load(context.Background(), loaders.Input{Name: "f.txt", Data: []byte(s)})
		if err != nil {
			return // invalid UTF-8 or NUL: reported, not a crash
		}
		n := len([]rune(ex.Document.Text))
		for _, st := range ex.Statements {
			if st.Evidence.Start < 0 || st.Evidence.End > n || st.Evidence.Start > st.Evidence.End {
				t.Fatalf("evidence [%d:%d] outside text of %d code points", st.Evidence.Start, st.Evidence.End, n)
			}
		}
	})
}

// checkTies runs table cases of one sentence or short text each: every
// "subject|predicate|object" in want must be extracted, none in not.
func checkTies(t *testing.T, tests []struct {
	name, text string
	want, not  []string
}) {
	t.Helper()
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
