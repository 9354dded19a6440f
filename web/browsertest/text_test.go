package browsertest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/server"
)

// TestPageText runs the page's own text helpers (src/text.ts) in the
// browser: name highlighting and cutting a document by code point offsets.
func TestPageText(t *testing.T) {
	chrome := findChromium(t)
	store, err := cayley.Open(context.Background(), "memory", cayley.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	srv := httptest.NewServer(server.New(server.Options{Store: store}))
	t.Cleanup(srv.Close)
	b := newBrowser(t, chrome)
	b.do(t, "open the page", chromedp.Navigate(srv.URL+"/"))
	b.poll(t, "page script", `window.tiesExplorer !== undefined`)

	t.Run("mentions", func(t *testing.T) {
		type group struct {
			Terms []string `json:"terms"`
			Cls   string   `json:"cls"`
		}
		subj := func(terms ...string) group { return group{terms, "subj"} }
		obj := func(terms ...string) group { return group{terms, "obj"} }
		tests := []struct {
			name     string
			sentence string
			groups   []group
			want     []string
		}{
			{"subject and object", "Kraków został przyjęty do Femcities Network.",
				[]group{subj("Kraków"), obj("Femcities Network")}, []string{"subj:Kraków", "obj:Femcities Network"}},
			{"inflected ending", "Delegacja Krakowa przyjechała.", []group{subj("Kraków")}, []string{"subj:Krakowa"}},
			{"case and diacritics", "KRAKOW hosts the forum.", []group{subj("Kraków")}, []string{"subj:KRAKOW"}},
			{"inside a word", "Nowokraków is another town.", []group{subj("Kraków")}, nil},
			{"ending too long", "Krakowianka sings.", []group{subj("Kraków")}, nil},
			{"short term takes no ending", "The EUR fell; the EU met.", []group{obj("EU")}, []string{"obj:EU"}},
			{"alias in Cyrillic", "У Львові відбулася конференція.", []group{subj("Lviv", "Львові")}, []string{"subj:Львові"}},
			{"after an astral character", "🙂 Kraków is here.", []group{subj("Kraków")}, []string{"subj:Kraków"}},
			{"longer match wins", "Rada Miasta Krakowa uchwaliła.",
				[]group{subj("Rada Miasta Krakowa"), obj("Kraków")}, []string{"subj:Rada Miasta Krakowa"}},
			{"every occurrence", "Vilnius and vilnius.", []group{obj("Vilnius")}, []string{"obj:Vilnius", "obj:vilnius"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got := evalJS[[]string](t, b, fmt.Sprintf(`(() => { const s = %s;
					return tiesExplorer.text.findMentions(s, %s).map((r) => r.cls + ":" + Array.from(s).slice(r.start, r.end).join("")); })()`,
					jsString(tc.sentence), jsString(tc.groups)))
				if !slices.Equal(got, tc.want) {
					t.Errorf("findMentions(%q) = %q, want %q", tc.sentence, got, tc.want)
				}
			})
		}
	})

	t.Run("segments by code points", func(t *testing.T) {
		type span struct {
			Start int `json:"start"`
			End   int `json:"end"`
		}
		tests := []struct {
			name  string
			text  string
			spans []span
			want  []string // text|marks
		}{
			{"astral characters count once", "a🙂bc", []span{{1, 3}}, []string{"a|", "🙂b|0", "c|"}},
			{"overlapping spans", "abcdef", []span{{0, 4}, {2, 6}}, []string{"ab|0", "cd|0,1", "ef|1"}},
			{"offsets past the end are cut", "abc", []span{{2, 9}}, []string{"ab|", "c|0"}},
			{"no spans", "abc", nil, []string{"abc|"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				spans := tc.spans
				if spans == nil {
					spans = []span{}
				}
				got := evalJS[[]string](t, b, fmt.Sprintf(`tiesExplorer.text.segments(%s, %s).map((s) => s.text + "|" + s.marks.join(","))`,
					jsString(tc.text), jsString(spans)))
				if !slices.Equal(got, tc.want) {
					t.Errorf("segments(%q, %v) = %q, want %q", tc.text, tc.spans, got, tc.want)
				}
			})
		}
	})

	t.Run("partial dates", func(t *testing.T) {
		got := evalJS[[]string](t, b, `(() => { const d = tiesExplorer.text;
			return [d.dateLow("2022"), d.dateHigh("2022"), d.dateLow("2022-09"), d.dateHigh("2022-09"), d.dateHigh("2022-09-15")]; })()`)
		want := []string{"2022-00-00", "2022-99-99", "2022-09-00", "2022-09-99", "2022-09-15"}
		if !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}
