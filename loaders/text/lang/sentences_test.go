package lang

import (
	"strings"
	"testing"
)

func TestDetectSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // language of each span, in order
	}{
		{"one language", "Burmistrz otworzył wystawę. Potem wszyscy poszli na obiad do ratusza.", []string{"pl"}},
		{"quote in another language",
			"Burmistrz przywitał gości z Niemiec i powiedział, że to ważny dzień dla miasta. The mayor said that the partnership was signed in the town hall. Potem goście zwiedzili rynek i muzeum.",
			[]string{"pl", "en", "pl"}},
		{"short foreign title follows the document", "Spotkanie odbyło się w ratuszu. Covenant of Mayors. Uczestnicy podpisali deklarację.", []string{"pl"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := DetectSentences(tt.text)
			var got []string
			pos := 0
			for _, s := range spans {
				if s.Start != pos || s.End <= s.Start {
					t.Fatalf("spans %v do not tile the text at %d", spans, pos)
				}
				pos = s.End
				got = append(got, s.Lang)
			}
			if pos != len(tt.text) {
				t.Fatalf("spans end at %d, text has %d bytes", pos, len(tt.text))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("DetectSentences languages = %v, want %v (spans %v)", got, tt.want, spans)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	text := "Pierwsze zdanie. Drugie zdanie! Trzecie? Nr 5. ma kropkę\nTytuł\n\nakapit"
	var got []string
	for _, r := range splitSentences(text) {
		got = append(got, text[r[0]:r[1]])
	}
	want := []string{"Pierwsze zdanie. ", "Drugie zdanie! ", "Trzecie? ", "Nr 5. ma kropkę\n", "Tytuł\n\n", "akapit"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitSentences = %q, want %q", got, want)
	}
}
