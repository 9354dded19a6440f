package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
)

// token is one word, number or punctuation mark, with its place in the
// document counted in code points.
type token struct {
	text       string
	fold       string // graph.Fold of text ("" for punctuation)
	key        string // fold without inner spaces: what lexicon words match
	start, end int
	kind       tokKind
	// bs, be: byte offsets in the string tokenize read (the sentence).
	bs, be int
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

func (t token) word() bool  { return t.kind == tWord }
func (t token) punct() bool { return t.kind == tPunct }

// capital reports whether a word starts with an upper-case letter.
func (t token) capital() bool {
	if t.kind != tWord {
		return false
	}
	for _, r := range t.text {
		return unicode.IsUpper(r)
	}
	return false
}

// acronym reports whether a word is two or more letters, all upper case
// (digits allowed after the first letter: "HRC59").
func (t token) acronym() bool {
	if t.kind != tWord {
		return false
	}
	n := 0
	for i, r := range t.text {
		switch {
		case unicode.IsUpper(r):
			n++
		case unicode.IsDigit(r) && i > 0:
		case r == '-' || r == '.':
		default:
			return false
		}
	}
	return n >= 2
}

// tokenize splits s into tokens; base is the code point offset of s in the
// document. Words keep inner hyphens and apostrophes ("Ruciane-Nida",
// "Об'єднаних"); an abbreviation's dot stays outside the word. Token texts
// are substrings of s (no copies): documents are read token by token, so
// this is the extractor's hottest loop.
func tokenize(s string, base int) []token {
	out := make([]token, 0, len(s)/5+1)
	// b walks bytes, i code points.
	for b, i := 0, 0; b < len(s); {
		r, n := utf8.DecodeRuneInString(s[b:])
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r):
			b += n
			i++
		case unicode.IsLetter(r) || unicode.IsMark(r):
			eb, j := b+n, i+1
			for eb < len(s) {
				c, cn := utf8.DecodeRuneInString(s[eb:])
				if unicode.IsLetter(c) || unicode.IsMark(c) || unicode.IsDigit(c) {
					eb += cn
					j++
					continue
				}
				if c == '-' || c == '\'' || c == '’' || c == 'ʼ' {
					if eb+cn < len(s) {
						if c2, _ := utf8.DecodeRuneInString(s[eb+cn:]); unicode.IsLetter(c2) {
							// The letter after the mark is taken by the
							// next round of the loop.
							eb += cn
							j++
							continue
						}
					}
				}
				break
			}
			w := s[b:eb]
			f := foldWord(w)
			out = append(out, token{text: w, fold: f, key: strings.ReplaceAll(f, " ", ""), start: base + i, end: base + j, kind: tWord, bs: b, be: eb})
			b, i = eb, j
		case unicode.IsDigit(r):
			eb, j := b+n, i+1
			for eb < len(s) {
				c, cn := utf8.DecodeRuneInString(s[eb:])
				if !unicode.IsDigit(c) {
					break
				}
				eb += cn
				j++
			}
			// Ordinal endings stay with the number: "12th", "3rd".
			for eb < len(s) && j-i < 8 {
				c, cn := utf8.DecodeRuneInString(s[eb:])
				if !unicode.IsLetter(c) || unicode.IsUpper(c) {
					break
				}
				eb += cn
				j++
			}
			w := s[b:eb]
			lw := strings.ToLower(w)
			out = append(out, token{text: w, fold: lw, key: lw, start: base + i, end: base + j, kind: tNum, bs: b, be: eb})
			b, i = eb, j
		default:
			out = append(out, token{text: s[b : b+n], start: base + i, end: base + i + 1, kind: tPunct, bs: b, be: b + n})
			b += n
			i++
		}
	}
	return out
}

// foldWord is graph.Fold with a fast path for plain ASCII letters and
// digits, which need no normalisation.
func foldWord(w string) string {
	for k := 0; k < len(w); k++ {
		c := w[k]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return graph.Fold(w)
		}
	}
	return strings.ToLower(w)
}
