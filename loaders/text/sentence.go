package text

import (
	"strings"
	"unicode"
)

// sentence is one sentence of the document with its tokens.
type sentence struct {
	start, end int // code points into the document text, end exclusive
	text       string
	toks       []token
	// lx is the lexicon lexFor chose, kept: language detection per
	// sentence is costly and every statement asks again.
	lx *lexicon
}

// splitSentences cuts a document into sentences: at line breaks, and at
// '.', '!', '?' followed by space and an upper-case letter, a digit or a
// quote, unless the word before the dot is an abbreviation or an initial.
func splitSentences(text string, abbrev map[string]bool) []sentence {
	rs := []rune(text)
	var out []sentence
	emit := func(a, b int) {
		for a < b && unicode.IsSpace(rs[a]) {
			a++
		}
		for b > a && unicode.IsSpace(rs[b-1]) {
			b--
		}
		if a >= b {
			return
		}
		s := string(rs[a:b])
		out = append(out, sentence{start: a, end: b, text: s, toks: tokenize(s, a)})
	}
	start := 0
	quote := -1 // where an open „…” or «…» began
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\n' {
			emit(start, i)
			start = i + 1
			quote = -1
			continue
		}
		switch r {
		case '„', '«':
			quote = i
		case '”', '»', '“':
			quote = -1
		}
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		// No sentence ends inside a quoted title, unless the quote never
		// closes within a few hundred characters.
		if quote >= 0 && i-quote < 300 {
			continue
		}
		// Look past closing quotes and brackets to the next non-space.
		j := i + 1
		for j < len(rs) && strings.ContainsRune("\"”»)’", rs[j]) {
			j++
		}
		if j < len(rs) && !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < len(rs) && rs[k] != '\n' && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && rs[k] != '\n' {
			n := rs[k]
			if !(unicode.IsUpper(n) || unicode.IsDigit(n) || strings.ContainsRune("„\"«“(–-•", n)) {
				continue
			}
		}
		if r == '.' && isAbbrev(rs, i, abbrev) {
			// An abbreviation ends a sentence only before a line break.
			continue
		}
		emit(start, j)
		start = j
	}
	emit(start, len(rs))
	return out
}

// isAbbrev reports whether the dot at rs[i] closes an abbreviation or an
// initial ("m.in.", "ul.", "A.", "св.").
func isAbbrev(rs []rune, i int, abbrev map[string]bool) bool {
	// "26. Januar", "1. Mai": a day number with a dot.
	if i > 0 && unicode.IsDigit(rs[i-1]) && (i < 2 || !unicode.IsDigit(rs[i-2]) || i < 3 || !unicode.IsDigit(rs[i-3])) {
		rest := strings.TrimLeft(string(rs[i+1:min(len(rs), i+12)]), " ")
		for _, m := range []string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"} {
			if strings.HasPrefix(rest, m) {
				return true
			}
		}
	}
	j := i
	for j > 0 && (unicode.IsLetter(rs[j-1]) || rs[j-1] == '.') {
		j--
	}
	w := strings.ToLower(string(rs[j:i]))
	if w == "" {
		return false
	}
	if abbrev[w] || abbrev[w+"."] {
		return true
	}
	// A single letter is an initial ("A. Černeckis") or part of "m.in.".
	last := w
	if k := strings.LastIndexByte(w, '.'); k >= 0 {
		last = w[k+1:]
	}
	return len([]rune(last)) == 1
}
