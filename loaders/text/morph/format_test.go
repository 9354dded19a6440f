package morph

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
)

// quiet is a logger for tests that expect warnings.
func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// TestFormatFeatures checks the .aff/.dic features on small made-up
// dictionaries under testdata, so it runs without system dictionaries.
func TestFormatFeatures(t *testing.T) {
	ctx := context.Background()
	long, err := Open(ctx, Options{Dir: "testdata/long", Langs: []string{"xx"}, Logger: quiet(), CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	latin2, err := Open(ctx, Options{Dir: "testdata/latin2", Langs: []string{"yy"}, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		a    *Analyzer
		lang string
		word string
		want []string
	}{
		{"stem itself", long, "xx", "dom", []string{"dom"}},
		{"suffix via AF alias", long, "xx", "domami", []string{"dom"}},
		{"twofold suffix", long, "xx", "domekowi", []string{"dom"}},
		{"one of twofold", long, "xx", "domek", []string{"dom"}},
		{"continuation needs its parent", long, "xx", "domowi", nil},
		{"strip and condition", long, "xx", "kobietą", []string{"kobieta"}},
		{"condition fails", long, "xx", "kobietaami", nil},
		{"prefix kept on the lemma", long, "xx", "niekobieta", []string{"niekobieta"}},
		{"prefix and suffix", long, "xx", "niekobietą", []string{"niekobieta"}},
		{"prefix not allowed", long, "xx", "niedom", nil},
		{"dictionary case returned", long, "xx", "krakówami", []string{"Kraków"}},
		{"upper case input", long, "xx", "KRAKÓWAMI", []string{"Kraków"}},
		{"NEEDAFFIX stem alone", long, "xx", "pies", nil},
		{"NEEDAFFIX stem with affix", long, "xx", "piesami", []string{"pies"}},
		{"ONLYINCOMPOUND", long, "xx", "zamekami", nil},
		{"FORBIDDENWORD", long, "xx", "zły", nil},
		{"IGNORE character", long, "xx", "kobie\u0301ta", []string{"kobieta"}},
		{"ISO-8859-2 stem", latin2, "yy", "Krakowie", []string{"Kraków"}},
		{"ISO-8859-2 lowercase", latin2, "yy", "żółwie", nil},
		{"ISO-8859-2 genitive", latin2, "yy", "krakowa", []string{"Kraków"}},
		{"no dictionary for lang", latin2, "pl", "Krakowie", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.a.Lemmas(tt.lang, tt.word)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lemmas(%q, %q) = %q, want %q", tt.lang, tt.word, got, tt.want)
			}
			if known := tt.a.Known(tt.lang, tt.word); known != (tt.want != nil) {
				t.Errorf("Known(%q, %q) = %v, want %v", tt.lang, tt.word, known, tt.want != nil)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		lang string
		want []string // substrings of the error
	}{
		{"rule under another flag's header", "zz", []string{"zz_ZZ.aff:4", "does not match its header"}},
		{"odd long flag in dic", "zy", []string{"zy_ZY.dic:2", "odd long flag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(ctx, Options{Dir: "testdata/bad", Langs: []string{tt.lang}, Logger: quiet()})
			if err == nil {
				t.Fatal("Open succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestMissingDictionaryIsNotAnError(t *testing.T) {
	a, err := Open(context.Background(), Options{Dir: t.TempDir(), Langs: []string{"pl", "lt"}, Logger: quiet()})
	if err != nil {
		t.Fatalf("Open with no dictionaries: %v", err)
	}
	if a.Has("pl") || a.Has("lt") {
		t.Error("Has reports a dictionary that is not there")
	}
	// Guessing still works without a dictionary.
	if got := a.Lemma("lt", "Karlshamno"); got != "Karlshamnas" {
		t.Errorf("Lemma without dictionary = %q, want Karlshamnas", got)
	}
	if got := a.Lemma("pl", "xyz"); got != "xyz" {
		t.Errorf("Lemma of an unknown word = %q, want it unchanged", got)
	}
}

func TestOpenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Open(ctx, Options{Dir: "testdata/long", Langs: []string{"xx"}, Logger: quiet()})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open with a cancelled context: %v, want context.Canceled", err)
	}
}

// TestGuessTables checks the hand-written ending tables parse: each rule has
// a positive weight and a non-empty change.
func TestGuessTables(t *testing.T) {
	for _, lang := range []string{"pl", "uk", "lt", "en", "de", "ru"} {
		t.Run(lang, func(t *testing.T) {
			g := newGuesser(lang)
			if g == nil || len(g.rules) == 0 {
				t.Fatalf("no rules for %s", lang)
			}
			for _, r := range g.rules {
				if r.weight <= 0 || r.weight > 150 {
					t.Errorf("rule %q -> %q: weight %d out of range", r.end, r.base, r.weight)
				}
				if r.end == "" && r.base == "" {
					t.Errorf("rule with neither ending nor base")
				}
			}
		})
	}
	if newGuesser("xx") != nil {
		t.Error("guesser for an unknown language")
	}
}
