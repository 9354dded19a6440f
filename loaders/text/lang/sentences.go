package lang

import (
	"unicode"
	"unicode/utf8"
)

// Span is a stretch of text in one language: text[Start:End] (byte offsets).
type Span struct {
	Start, End int
	Lang       string
}

// sureScore is the evidence a sentence needs to get a language other than
// its document's: a few function words or distinctive letters.
const sureScore = 9

// DetectSentences splits text into sentences and gives each a language:
// its own when its evidence is clear, else the language of the whole text
// (short sentences and lists of names follow their document). The spans
// cover text without gaps, in order; nil for an empty text.
func DetectSentences(text string) []Span {
	if text == "" {
		return nil
	}
	doc := Detect(text)
	var out []Span
	for _, s := range splitSentences(text) {
		var sc scores
		sc.add(text[s[0]:s[1]], maxWords)
		l := sc.best()
		if l == Unknown || sc.top() < sureScore {
			l = doc
		}
		if n := len(out); n > 0 && out[n-1].Lang == l {
			out[n-1].End = s[1]
			continue
		}
		out = append(out, Span{Start: s[0], End: s[1], Lang: l})
	}
	return out
}

// top returns the best score within the dominant script.
func (s *scores) top() int {
	cands := []int{iPL, iLT, iEN, iDE}
	if s.cyrilic > s.latin {
		cands = []int{iUK, iRU}
	}
	best := 0
	for _, i := range cands {
		best = max(best, s.v[i])
	}
	return best
}

// splitSentences returns [start, end) byte ranges covering text: a
// sentence ends after ".", "!", "?" or "…" followed by white space and an
// upper-case letter or a digit, or at a line break followed by a blank line
// or a line that starts with an upper-case letter (titles, list items).
func splitSentences(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		end := -1
		switch r {
		case '.', '!', '?', '…':
			j := i + n
			k := skipSpace(text, j)
			if k > j && k < len(text) {
				if r2, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsUpper(r2) || unicode.IsDigit(r2) || r2 == '"' || r2 == '„' || r2 == '«' {
					end = k
				}
			}
		case '\n':
			k := skipSpace(text, i+n)
			if k < len(text) {
				if r2, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsUpper(r2) || text[i+n:k] != "" && containsNewline(text[i+n:k]) {
					end = k
				}
			}
		}
		if end > start {
			out = append(out, [2]int{start, end})
			start = end
			i = end
			continue
		}
		i += n
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func containsNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}
