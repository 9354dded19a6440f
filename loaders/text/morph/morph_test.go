package morph

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// shared is one Analyzer over the installed dictionaries, opened once for
// the tests that only read it (opening and learning the guess models costs
// about a second).
var shared struct {
	once sync.Once
	a    *Analyzer
	err  error
}

// openSystem returns the shared Analyzer over the installed Debian
// dictionaries, skipping the test when a language it needs is not installed.
func openSystem(t testing.TB, langs ...string) *Analyzer {
	t.Helper()
	for _, l := range langs {
		if _, _, ok := findDict(DefaultDir, l); !ok {
			t.Skipf("hunspell dictionary for %q not installed in %s (apt-get install hunspell-%s)", l, DefaultDir, l)
		}
	}
	shared.once.Do(func() {
		shared.a, shared.err = Open(context.Background(), Options{Logger: quiet()})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.a
}

// openFresh opens a new Analyzer for langs, for tests that need their own.
func openFresh(t testing.TB, langs ...string) *Analyzer {
	t.Helper()
	openSystem(t, langs...) // skips when a dictionary is missing
	a, err := Open(context.Background(), Options{Langs: langs, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestLemmaSystem checks stemming with the real dictionaries. The expected
// forms are what the Debian dictionaries list: "rada" is lowercase in
// pl_PL, and en_US derives "meetings" from "meet" (flag J), not "meeting".
// A capitalized word prefers capitalized (proper-name) readings.
func TestLemmaSystem(t *testing.T) {
	tests := []struct {
		lang, word string
		want       string   // Lemma
		lemmas     []string // Lemmas must contain these
	}{
		{"pl", "Krakowie", "Kraków", []string{"Kraków"}},
		{"pl", "Krakowa", "Kraków", []string{"Kraków"}},
		{"pl", "Rady", "rada", []string{"rada"}},
		{"pl", "Radę", "rada", []string{"rada"}},
		{"pl", "Europy", "Europa", []string{"Europa"}},
		{"pl", "Warszawie", "Warszawa", []string{"Warszawa"}},
		{"pl", "Wrocławiu", "Wrocław", []string{"Wrocław"}}, // listed unflagged: "Wrocławiu" and "Wrocław"
		{"pl", "prezydenta", "prezydent", []string{"prezydent"}},
		{"pl", "spotkał", "spotkać", []string{"spotkać"}},
		{"pl", "przez", "przez", []string{"przez"}},
		{"uk", "генеральної", "генеральна", []string{"генеральна", "генеральний"}}, // adjectives keep their gender
		{"uk", "генеральному", "генеральний", []string{"генеральний"}},
		{"uk", "Асамблеї", "асамблея", []string{"асамблея"}},
		{"uk", "ради", "рада", []string{"рада"}},
		{"uk", "Ради", "Рада", []string{"рада", "Рада"}},
		{"uk", "Вінниці", "Вінниця", []string{"Вінниця"}},
		{"uk", "Києві", "Київ", []string{"Київ"}},
		{"uk", "мʼячем", "м'яч", []string{"м'яч"}}, // modifier-letter apostrophe folded to the dictionary's '
		{"uk", "Кашʼяном", "Кашʼян", nil},          // unknown: guessed, keeping the text's apostrophe
		{"lt", "sesijoje", "sesija", []string{"sesija"}},
		{"lt", "tautų", "tauta", []string{"tauta"}},
		{"lt", "Tautų", "Tautas", []string{"tauta", "Tautas"}}, // capitalized: the name Tautas is read first
		{"pl", "Gdańska", "Gdańsk", []string{"Gdańsk", "gdańska"}},
		{"pl", "Miast", "miasto", []string{"miasto"}},    // not the preposition "miast"
		{"pl", "miasta", "miasto", []string{"miasto"}},   // listed unflagged in pl_PL
		{"pl", "Spraw", "sprawa", []string{"sprawa"}},    // nominal over verbal (sprawić)
		{"pl", "od", "od", []string{"od"}},               // closed class: not a form of "oda"
		{"pl", "Unii", "Unia", []string{"Unia", "unia"}}, // capitalized word: proper-name reading
		{"uk", "Тому", "тому", []string{"тому"}},
		{"uk", "року", "рік", []string{"рік", "рок"}}, // the і/о alternation beats "рок" (rock)
		{"uk", "місцевих", "місцевий", []string{"місцевий"}},
		{"pl", "kształtowaniu", "kształtowanie", []string{"kształtowanie"}}, // the noun, not the verb pl_PL derives it from
		{"pl", "traktowania", "traktowanie", []string{"traktowanie"}},
		{"pl", "przyjęcia", "przyjęcie", []string{"przyjęcie"}},
		{"pl", "kształtowań", "kształtowanie", []string{"kształtowanie"}},
		{"pl", "zostanie", "zostać", []string{"zostać"}}, // a verb form, not a gerund
		{"pl", "robicie", "robić", []string{"robić"}},
		{"pl", "spotkał", "spotkać", []string{"spotkać"}},
		{"pl", "środkowej", "środkowa", []string{"środkowa", "środkowy"}},           // adjectives keep their gender
		{"pl", "Wrocławskie", "Wrocławskie", []string{"Wrocławskie", "Wrocławski"}}, // a nominative is its own lemma
		{"uk", "військова", "військова", []string{"військова", "військовий"}},
		{"pl", "zdrowych", "zdrowy", []string{"zdrowy"}}, // plural oblique forms: the masculine
		{"pl", "innymi", "inny", []string{"inny"}},
		{"pl", "polskich", "polski", []string{"polski"}},
		{"pl", "POST", "POST", []string{"POST", "post"}}, // short capitals: an acronym
		{"lt", "SAVIVALDYBĖJE", "savivaldybė", []string{"savivaldybė"}},
		{"pl", "Polsko-Amerykańskiej", "Polsko-Amerykańska", nil}, // the first part of a compound adjective does not inflect
		{"lt", "59-ojoje", "59-ojoje", nil},
		{"pl", "Qwzxckiej-Wrzbskiej", "Qwzxcka-Wrzbska", nil},          // each part guessed
		{"pl", "Nowackiej", "Nowacka", []string{"Nowacka", "Nowacki"}}, // a woman's surname keeps its gender
		{"pl", "Europejskiej", "Europejska", []string{"Europejska", "europejski"}},
		{"pl", "europejskiej", "europejska", []string{"europejska", "europejski"}},
		{"uk", "Полтавської", "Полтавська", []string{"Полтавська"}},
		{"lt", "tarybos", "taryba", []string{"taryba"}},
		{"lt", "Vilniuje", "Vilnius", []string{"Vilnius"}},
		{"lt", "Rietavo", "Rietavas", []string{"Rietavas"}},
		{"lt", "Bendradarbiavimas", "bendradarbiavimas", []string{"bendradarbiavimas"}}, // not the verb lt_LT derives it from
		{"lt", "susitarimo", "susitarimas", []string{"susitarimas"}},
		{"lt", "pasirašė", "pasirašė", []string{"pasirašė"}}, // the prefix stays on the lemma
		{"en", "meetings", "meet", []string{"meet"}},
		{"en", "cities", "city", []string{"city"}},
		{"en", "Cities", "city", []string{"city"}},
		{"de", "Verhandlungen", "Verhandlung", []string{"Verhandlung"}}, // de_DE derives -ung nouns from verbs
		{"de", "Partnerschaften", "Partnerschaft", []string{"Partnerschaft"}},
		{"de", "Verträge", "Vertrag", []string{"Vertrag"}},
		{"de", "Berlins", "Berlin", []string{"Berlin"}},
		{"de", "Partnerschaftsverträge", "Partnerschaftsvertrag", nil}, // a compound the dictionary lacks
		{"de", "Städtepartnerschaften", "Städtepartnerschaft", nil},
		{"de", "Kanzlerin", "Kanzlerin", []string{"Kanzlerin"}}, // not the masculine de_DE derives it from
		{"de", "Partnerinnen", "Partnerin", []string{"Partnerin"}},
		{"de", "Urkunden", "Urkunde", []string{"Urkunde"}}, // "Urkunden" alone is a compound part in de_DE
		{"de", "Bundeskanzlerin", "Bundeskanzlerin", nil},
		{"de", "kurz", "kurz", []string{"kurz"}},
	}
	a := openSystem(t, "pl", "uk", "lt", "en")
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			if !a.Has(tt.lang) {
				t.Skipf("no %s dictionary installed", tt.lang)
			}
			if got := a.Lemma(tt.lang, tt.word); got != tt.want {
				t.Errorf("Lemma(%q, %q) = %q, want %q (Lemmas %q, Guess %q)",
					tt.lang, tt.word, got, tt.want, a.Lemmas(tt.lang, tt.word), a.Guess(tt.lang, tt.word))
			}
			got := a.Lemmas(tt.lang, tt.word)
			for _, w := range tt.lemmas {
				if !slices.Contains(got, w) {
					t.Errorf("Lemmas(%q, %q) = %q, want it to contain %q", tt.lang, tt.word, got, w)
				}
			}
			if tt.lemmas != nil && !a.Known(tt.lang, tt.word) {
				t.Errorf("Known(%q, %q) = false", tt.lang, tt.word)
			}
		})
	}
}

func TestUnknownWordsSystem(t *testing.T) {
	a := openSystem(t, "pl", "uk", "lt", "en")
	for _, c := range [][2]string{{"pl", "Qwzxkowie"}, {"uk", "Баньковим"}, {"lt", "Karlshamno"}, {"en", "Zzyzxs"}} {
		if got := a.Lemmas(c[0], c[1]); got != nil {
			t.Errorf("Lemmas(%q, %q) = %q, want nil", c[0], c[1], got)
		}
		if a.Known(c[0], c[1]) {
			t.Errorf("Known(%q, %q) = true", c[0], c[1])
		}
	}
}

// TestGuess checks the suffix fallback. Guesses for words the dictionary
// lacks rank by the language's declension endings; a guess the dictionary
// lists as a base form ranks first.
func TestGuess(t *testing.T) {
	tests := []struct {
		lang, word string
		want       string // first guess
		dictWant   string // first guess with the dictionary, when it differs
	}{
		{"pl", "Wrocławiu", "Wrocław", ""},
		{"pl", "Qwzxkowie", "Qwzxków", ""},
		{"pl", "Kowalskiego", "Kowalski", ""},
		{"pl", "Nowackiej", "Nowacka", ""},
		{"pl", "Gdańsku", "Gdańsk", ""},
		{"pl", "Sopotem", "Sopot", ""},
		{"pl", "Warszawą", "Warszawa", ""},
		{"uk", "Баньковим", "Баньков", ""},
		{"uk", "Баньковові", "Баньков", ""},
		{"uk", "Вінниці", "Вінниця", ""},
		{"uk", "Баньківського", "Баньківський", ""},
		{"uk", "Шевченківського", "Шевченківський", "шевченківський"}, // the dictionary's spelling
		{"uk", "Полтавською", "Полтавська", ""},
		{"lt", "Rietavo", "Rietavas", ""},
		{"lt", "Karlshamno", "Karlshamnas", ""},
		{"lt", "Karlshamnui", "Karlshamnas", ""},
		{"lt", "Klaipėdoje", "Klaipėda", ""},
		{"lt", "Kėdainių", "Kėdainiai", ""},
		{"en", "Smith's", "Smith", ""},
		{"en", "Jones", "Jones", ""},
		{"pl", "KRAKOWIE", "KRAKOWIE", "Kraków"}, // capitals: an acronym unless the dictionary lists the base
		{"lt", "NVO", "NVO", ""},
		{"uk", "ЧДТУ", "ЧДТУ", ""},
		{"lt", "Kenčinas", "Kenčinas", ""}, // a nominative, not an accusative plural of Kenčina
	}
	for _, withDict := range []bool{true, false} {
		var a *Analyzer
		if withDict {
			a = openSystem(t, "pl", "uk", "lt", "en")
		} else {
			var err error
			a, err = Open(context.Background(), Options{Dir: t.TempDir(), Logger: quiet()})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range tests {
			t.Run(filepath.Join(map[bool]string{true: "dict", false: "nodict"}[withDict], tt.lang, tt.word), func(t *testing.T) {
				want := tt.want
				if withDict && tt.dictWant != "" {
					want = tt.dictWant
				}
				got := a.Guess(tt.lang, tt.word)
				if len(got) == 0 || got[0] != want {
					t.Errorf("Guess(%q, %q) = %q, want %q first", tt.lang, tt.word, got, want)
				}
			})
		}
	}
}

func TestConcurrentLemma(t *testing.T) {
	words := []string{"Krakowie", "Warszawie", "Rady", "Wrocławiu", "prezydenta", "Qwzxkowie"}
	want := make([]string, len(words))
	ref := openSystem(t, "pl")
	for i, w := range words {
		want[i] = ref.Lemma("pl", w)
	}
	// A fresh Analyzer, so that the goroutines also race to learn the
	// guessing model and to fill the cache.
	a := openFresh(t, "pl")
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := n % len(words)
				if got := a.Lemma("pl", words[i]); got != want[i] {
					t.Errorf("concurrent Lemma(%q) = %q, want %q", words[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// benchWords are a few inflected forms per language, mixing known words
// and unknown names.
var benchWords = [][2]string{
	{"pl", "Krakowie"}, {"pl", "prezydenta"}, {"pl", "spotkał"}, {"pl", "się"}, {"pl", "Wrocławiu"},
	{"pl", "ministrem"}, {"pl", "Qwzxkowie"}, {"uk", "Генеральної"}, {"uk", "Баньковим"}, {"uk", "зустрівся"},
	{"lt", "sesijoje"}, {"lt", "Karlshamno"}, {"en", "meetings"}, {"en", "the"},
}

func BenchmarkOpen(b *testing.B) {
	for b.Loop() {
		a, err := Open(context.Background(), Options{Logger: quiet()})
		if err != nil {
			b.Fatal(err)
		}
		if !a.Has("pl") {
			b.Skip("pl_PL not installed")
		}
	}
}

func BenchmarkGuess(b *testing.B) {
	a := openSystem(b, "pl", "uk", "lt")
	for _, w := range benchWords {
		a.Guess(w[0], w[1]) // learn the models outside the timing
	}
	i := 0
	for b.Loop() {
		w := benchWords[i%len(benchWords)]
		a.Guess(w[0], w[1])
		i++
	}
}

func BenchmarkLemma(b *testing.B) {
	a := openSystem(b, "pl", "uk", "lt", "en")
	for _, w := range benchWords {
		a.Lemma(w[0], w[1]) // learn the guessing models outside the timing
	}
	b.Run("cached", func(b *testing.B) {
		i := 0
		for b.Loop() {
			w := benchWords[i%len(benchWords)]
			a.Lemma(w[0], w[1])
			i++
		}
	})
	nc, err := Open(context.Background(), Options{Langs: []string{"pl", "uk", "lt", "en"}, Logger: quiet(), CacheSize: -1})
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range benchWords {
		nc.Lemma(w[0], w[1])
	}
	b.Run("uncached", func(b *testing.B) {
		i := 0
		for b.Loop() {
			w := benchWords[i%len(benchWords)]
			nc.Lemma(w[0], w[1])
			i++
		}
	})
}

func TestForms(t *testing.T) {
	a := openSystem(t, "pl", "uk", "lt")
	tests := []struct {
		lang, lemma string
		want        []string // must be among the forms
	}{
		{"pl", "Kraków", []string{"Kraków", "Krakowie", "Krakowa", "Krakowem"}},
		{"pl", "rada", []string{"rada", "rady", "radzie", "radę"}},
		{"uk", "Вінниця", []string{"Вінниця", "Вінниці", "Вінницею"}},
		{"lt", "taryba", []string{"taryba", "tarybos", "taryboje"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.lemma, func(t *testing.T) {
			got := a.Forms(tt.lang, tt.lemma)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Forms(%q, %q) = %q, missing %q", tt.lang, tt.lemma, got, w)
				}
			}
			// Every generated form must analyse back to the lemma.
			for _, f := range got {
				if !slices.Contains(a.Lemmas(tt.lang, f), tt.lemma) {
					t.Errorf("Lemmas(%q, %q) = %q, want it to contain %q", tt.lang, f, a.Lemmas(tt.lang, f), tt.lemma)
				}
			}
		})
	}
	if got := a.Forms("pl", "Qwzxków"); got != nil {
		t.Errorf("Forms of an unlisted word = %q, want nil", got)
	}
}

func TestPOS(t *testing.T) {
	a := openSystem(t, "pl", "uk", "lt")
	tests := []struct {
		lang, word string
		want       string // first part of speech
	}{
		{"pl", "miasta", Noun},
		{"pl", "zdrowych", Adj},
		{"pl", "spotkał", Verb},
		{"uk", "міської", Adj},
		{"uk", "ради", Noun},
		{"uk", "зустрівся", Verb},
		{"lt", "tarybos", Noun},
		{"lt", "naujo", Adj},
		{"lt", "susitiko", Verb},
		{"lt", "pasidžiaugė", Verb},
		{"lt", "sutartį", Noun},
		{"pl", "przyszłości", Noun}, // -ość is a noun ending, not an infinitive
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.word, func(t *testing.T) {
			got := a.POS(tt.lang, tt.word)
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("POS(%q, %q) = %q, want %q first (Lemmas %q)", tt.lang, tt.word, got, tt.want, a.Lemmas(tt.lang, tt.word))
			}
		})
	}
	if got := a.POS("pl", "Qwzxkowie"); got != nil {
		t.Errorf("POS of an unknown word = %q, want nil", got)
	}
}

func TestPrepare(t *testing.T) {
	a := openFresh(t, "lt")
	if err := a.Prepare(t.Context()); err != nil {
		t.Fatal(err)
	}
	if a.dicts["lt"].model == nil {
		t.Fatal("Prepare did not learn the lt model")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := a.Prepare(ctx); err == nil {
		t.Error("Prepare with a cancelled context returned nil")
	}
}

// TestOddInput feeds words that stress case mapping, normalization and
// byte/rune arithmetic; nothing may panic and Lemma must return something
// for a non-empty word.
func TestOddInput(t *testing.T) {
	a := openSystem(t, "pl", "uk", "lt", "en")
	odd := []string{"", " ", "\xff\xfe", "ǅemal", "İstanbul", "STRASSE", "ß", "ﬁnanse", "Ка\u0301рта",
		"-", "--", "a-", "-a", "'", "’s", "123", "a", "Ł", strings.Repeat("ab", 500), "ПРАВА", "m'яч", "Ą̈"}
	for _, lang := range []string{"pl", "uk", "lt", "en", "de", "ru", "xx"} {
		for _, w := range odd {
			l := a.Lemma(lang, w)
			a.Lemmas(lang, w)
			a.Guess(lang, w)
			a.Known(lang, w)
			a.POS(lang, w)
			a.Forms(lang, w)
			if strings.TrimSpace(w) != "" && l == "" {
				t.Errorf("Lemma(%q, %q) is empty", lang, w)
			}
		}
	}
}

// FuzzLemma checks that no word makes the analyzer panic or return an
// empty lemma (go test -fuzz FuzzLemma ./loaders/text/morph).
func FuzzLemma(f *testing.F) {
	for _, s := range []string{"Krakowie", "Баньковим", "Karlshamno", "Städtepartnerschaften", "Nowackiej-Kowalskiej", "\xff"} {
		f.Add(s)
	}
	a := openSystem(f, "pl", "uk", "lt", "en")
	f.Fuzz(func(t *testing.T, w string) {
		for _, lang := range []string{"pl", "uk", "lt", "en", "de"} {
			if l := a.Lemma(lang, w); strings.TrimSpace(w) != "" && l == "" {
				t.Fatalf("Lemma(%q, %q) is empty", lang, w)
			}
			a.Guess(lang, w)
			a.POS(lang, w)
		}
	})
}
