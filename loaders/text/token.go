package text

import (
	"strings"
	"unicode"

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
// "Об'єднаних"); an abbreviation's dot stays outside the word.
func tokenize(s string, base int) []token {
	rs := []rune(s)
	var out []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r):
			i++
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j := i + 1
			for j < len(rs) {
				c := rs[j]
				if unicode.IsLetter(c) || unicode.IsMark(c) || unicode.IsDigit(c) {
					j++
					continue
				}
				if (c == '-' || c == '\'' || c == '’' || c == 'ʼ') && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) {
					j += 2
					continue
				}
				break
			}
			w := string(rs[i:j])
			f := graph.Fold(w)
			out = append(out, token{text: w, fold: f, key: strings.ReplaceAll(f, " ", ""), start: base + i, end: base + j, kind: tWord})
			i = j
		case unicode.IsDigit(r):
			j := i + 1
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			// Ordinal endings stay with the number: "12th", "3rd".
			for j < len(rs) && unicode.IsLetter(rs[j]) && !unicode.IsUpper(rs[j]) && j-i < 8 {
				j++
			}
			w := string(rs[i:j])
			out = append(out, token{text: w, fold: strings.ToLower(w), key: strings.ToLower(w), start: base + i, end: base + j, kind: tNum})
			i = j
		default:
			out = append(out, token{text: string(r), start: base + i, end: base + i + 1, kind: tPunct})
			i++
		}
	}
	return out
}
