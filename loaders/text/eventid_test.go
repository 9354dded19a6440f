package text

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/text/morph"
)

// eventIDsOf lists the ids of the events a text names, by name.
func eventIDsOf(t *testing.T, name, text string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, e := range load(t, name, text).Entities {
		if e.Type == graph.Event {
			out[e.Name] = e.ID
		}
	}
	return out
}

// TestEventIDsAcrossDocuments: an event whose name identifies it (a body
// and a number or year, a proper name with a number) gets the same id in
// two documents, in two languages; generic events and events of one body
// with other numbers, years or dates stay apart.
func TestEventIDsAcrossDocuments(t *testing.T) {
	tests := []struct {
		name   string
		a, b   string // texts of two documents
		ea, eb string // the event's name in each (folded prefix)
		same   bool
	}{
		{"pl and en: numbered conference of a body",
			"Anna Berg wzięła udział w XVIII Konferencji Generalnej Związku Miast Bałtyckich.",
			"Anna Berg took part in the XVIII General Conference of the Union of the Baltic Cities.",
			"XVIII Konferencja", "XVIII General Conference", true},
		{"lt and en: numbered session of a body",
			"Ženevoje vyko 59-oji Jungtinių Tautų Žmogaus teisių tarybos sesija.",
			"The 59th session of the UN Human Rights Council took place in Geneva.",
			"59", "59th session", true},
		{"body, event noun and year",
			"The General Assembly of ICORN 2020 took place in Warsaw.",
			"Jan Nowak spoke at the General Assembly of ICORN 2020 in Warsaw.",
			"General Assembly", "General Assembly", true},
		{"body, event noun and date",
			"The meeting of the Union of the Baltic Cities took place in Gdańsk on 12 May 2021.",
			"On 12 May 2021 the meeting of the Union of the Baltic Cities took place in Gdańsk.",
			"meeting of the Union", "meeting of the Union", true},
		{"named event with a year",
			"The Baltic Climate Conference 2024 took place in Riga.",
			"Anna Berg spoke at the Baltic Climate Conference 2024 in Riga.",
			"Baltic Climate Conference", "Baltic Climate Conference", true},
		{"other ordinal",
			"The 58th session of the UN Human Rights Council took place in Geneva.",
			"The 59th session of the UN Human Rights Council took place in Geneva.",
			"58th session", "59th session", false},
		{"other year",
			"The General Assembly of ICORN 2019 took place in Warsaw.",
			"The General Assembly of ICORN 2020 took place in Warsaw.",
			"General Assembly", "General Assembly", false},
		{"other number, other language",
			"Anna Berg wzięła udział w XVII Konferencji Generalnej Związku Miast Bałtyckich.",
			"Anna Berg took part in the XVIII General Conference of the Union of the Baltic Cities.",
			"XVII Konferencja", "XVIII General Conference", false},
		{"a body's meeting with no date",
			"The meeting of the Union of the Baltic Cities took place in Gdańsk.",
			"The meeting of the Union of the Baltic Cities took place in Gdańsk.",
			"meeting of the Union", "meeting of the Union", false},
		{"one body, other dates",
			"The meeting of the Union of the Baltic Cities took place in Gdańsk on 12 May 2021.",
			"The meeting of the Union of the Baltic Cities took place in Gdańsk on 3 June 2021.",
			"meeting of the Union", "meeting of the Union", false},
		{"generic meeting",
			"The meeting took place in Gdańsk.",
			"The meeting took place in Gdańsk.",
			"the meeting", "the meeting", false},
		{"generic pl meeting",
			"W Gdańsku odbyło się spotkanie. Spotkanie otworzył Jan Nowak.",
			"W Gdańsku odbyło się spotkanie. Spotkanie otworzył Jan Nowak.",
			"spotkanie", "spotkanie", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := eventIDsOf(t, "a.txt", tc.a), eventIDsOf(t, "b.txt", tc.b)
			ia, ib := find(a, tc.ea), find(b, tc.eb)
			if ia == "" || ib == "" {
				t.Fatalf("event not found: %q in %v, %q in %v", tc.ea, a, tc.eb, b)
			}
			if (ia == ib) != tc.same {
				t.Errorf("ids %q and %q: want same=%v", ia, ib, tc.same)
			}
		})
	}
}

func find(evs map[string]string, prefix string) string {
	for n, id := range evs {
		if strings.HasPrefix(graph.Fold(n), graph.Fold(prefix)) {
			return id
		}
	}
	return ""
}

// TestEventIDResolution: the reason for an event's id is recorded.
func TestEventIDResolution(t *testing.T) {
	ex := load(t, "a.txt", "The 59th session of the UN Human Rights Council took place in Geneva.")
	for _, e := range ex.Entities {
		if e.Type == graph.Event {
			if e.ID != "un-hrc-session-59" || !strings.Contains(e.Resolution, "body un-hrc, session number 59") {
				t.Errorf("event %q: id %q, resolution %q", e.Name, e.ID, e.Resolution)
			}
			return
		}
	}
	t.Fatalf("no event in %+v", ex.Entities)
}

// TestEventIDMorph: with the dictionaries, a body named in a case form
// the suffix rules miss ("Rady Praw Człowieka ONZ") still gives the
// event its body's id.
func TestEventIDMorph(t *testing.T) {
	if _, err := os.Stat(morph.DefaultDir); err != nil {
		t.Skipf("no hunspell dictionaries in %s", morph.DefaultDir)
	}
	an, err := morph.Open(context.Background(), morph.Options{Dir: morph.DefaultDir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("morph.Open: %v", err)
	}
	x, err := New(context.Background(), Options{Morph: an})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := x.Load(context.Background(), loaders.Input{Name: "a.txt", Data: []byte("W Genewie odbyła się 59. sesja Rady Praw Człowieka ONZ.")})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ex.Entities {
		if e.Type == graph.Event {
			if e.ID != "un-hrc-session-59" {
				t.Errorf("event %q: id %q, want un-hrc-session-59 (%s)", e.Name, e.ID, e.Resolution)
			}
			return
		}
	}
	t.Fatalf("no event in %+v", ex.Entities)
}

// TestEventIDGenericHeads: an event named by an adjective and a head noun
// ("Regionalne warsztaty", "Міська виставка") names no event on its own.
func TestEventIDGenericHeads(t *testing.T) {
	for _, text := range []string{
		"Regionalne warsztaty odbyły się w Gdańsku.",
		"Міська виставка відбулася у Львові.",
	} {
		a, b := eventIDsOf(t, "a.txt", text), eventIDsOf(t, "b.txt", text)
		if len(a) == 0 {
			t.Errorf("%q: no event found", text)
		}
		for name, id := range a {
			if b[name] == id {
				t.Errorf("%q: event %q has id %q in both documents", text, name, id)
			}
		}
	}
}
