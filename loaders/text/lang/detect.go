// Package lang guesses the language of a text among those ties reads:
// Polish, Ukrainian, Lithuanian, English and German, plus Russian so that
// Russian quotes are not taken for Ukrainian. It weighs the script, letters
// only one of the languages uses, frequent function words and a few
// characteristic letter groups. The profiles are small hand-written tables,
// enough for news text; a sentence or more is needed for a sure answer.
package lang

import (
	"unicode"
	"unicode/utf8"
)

// Language codes Detect returns.
const (
	Polish     = "pl"
	Ukrainian  = "uk"
	Lithuanian = "lt"
	English    = "en"
	German     = "de"
	Russian    = "ru"
	Unknown    = ""
)

// langs indexes the score arrays.
const (
	iPL = iota
	iUK
	iLT
	iEN
	iDE
	iRU
	nLangs
)

func code(i int) string {
	return [nLangs]string{Polish, Ukrainian, Lithuanian, English, German, Russian}[i]
}

// maxWords bounds the work on long texts: the first words decide.
const maxWords = 3000

// Scores of one piece of evidence.
const (
	stopWeight   = 3 // a function word of the language
	letterWeight = 2 // a letter only this language (of ours) uses
	ngramWeight  = 1 // a characteristic letter group
)

// Detect returns the language of text: "pl", "uk", "lt", "en", "de", "ru",
// or "" when the text gives too little evidence (no letters, a few names).
func Detect(text string) string {
	var s scores
	s.add(text, maxWords)
	return s.best()
}

// scores accumulates evidence per language.
type scores struct {
	v              [nLangs]int
	latin, cyrilic int
}

// add scores the first limit words of text.
func (s *scores) add(text string, limit int) {
	var buf []byte // the current word, lowercased, between two spaces
	words := 0
	for i := 0; i < len(text) && words < limit; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		buf = append(buf[:0], ' ')
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			i += n
		}
		buf = append(buf, ' ')
		s.word(buf)
		words++
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || r == '\'' || r == '’' || r == 'ʼ'
}

// word scores one lowercased word given with a space on either side.
func (s *scores) word(padded []byte) {
	w := padded[1 : len(padded)-1]
	for _, r := range string(w) {
		switch {
		case r < utf8.RuneSelf:
			s.latin++
		case unicode.Is(unicode.Cyrillic, r):
			s.cyrilic++
		case unicode.Is(unicode.Latin, r):
			s.latin++
		}
		for i, ok := range letterLangs(r) {
			if ok {
				s.v[i] += letterWeight
			}
		}
	}
	for i, ok := range stopLangs(w) {
		if ok {
			s.v[i] += stopWeight
		}
	}
	// Letter groups, with the word's edges marked by the spaces.
	forTrigrams(padded, func(g []byte) {
		for i, ok := range ngramLangs(g) {
			if ok {
				s.v[i] += ngramWeight
			}
		}
	})
}

// forTrigrams calls fn with each run of three runes of s.
func forTrigrams(s []byte, fn func([]byte)) {
	var idx [4]int // start offsets of the last runes seen, a ring
	n := 0
	for i := 0; i <= len(s); {
		idx[n%4] = i
		if n >= 3 {
			fn(s[idx[(n-3)%4]:i])
		}
		if i == len(s) {
			break
		}
		_, sz := utf8.DecodeRune(s[i:])
		i += sz
		n++
	}
}

// best picks the language with the highest score within the dominant
// script, "" when nothing scored.
func (s *scores) best() string {
	if s.latin == 0 && s.cyrilic == 0 {
		return Unknown
	}
	cands := []int{iPL, iLT, iEN, iDE}
	if s.cyrilic > s.latin {
		cands = []int{iUK, iRU}
	}
	best, bestScore, second := -1, 0, 0
	for _, i := range cands {
		switch v := s.v[i]; {
		case v > bestScore:
			best, second, bestScore = i, bestScore, v
		case v > second:
			second = v
		}
	}
	// One distinctive letter or group decides only when nothing competes;
	// a tie is no answer.
	if best < 0 || bestScore < 2 || bestScore == second || (bestScore < 3 && second > 0) {
		return Unknown
	}
	return code(best)
}

type set [nLangs]bool

func of(langs ...int) set {
	var s set
	for _, l := range langs {
		s[l] = true
	}
	return s
}

// letterLangs returns the languages (of ours) that use the letter r and
// that few of the others do.
func letterLangs(r rune) set {
	switch r {
	case 'ł', 'ń', 'ś', 'ź', 'ż', 'ó', 'ć':
		return of(iPL)
	case 'ą', 'ę':
		return of(iPL, iLT)
	case 'ė', 'į', 'ų', 'ū', 'č', 'š', 'ž':
		return of(iLT)
	case 'ä', 'ö', 'ü', 'ß':
		return of(iDE)
	case 'і', 'ї', 'є', 'ґ':
		return of(iUK)
	case 'ы', 'э', 'ъ', 'ё':
		return of(iRU)
	}
	return set{}
}

// stopLangs returns the languages w is a frequent function word of.
func stopLangs(w []byte) set {
	switch string(w) {
	// Polish
	case "i", "w", "z", "się", "nie", "do", "że", "jest", "jak", "od", "za",
		"przez", "dla", "jego", "jej", "oraz", "który", "która", "które", "było",
		"być", "został", "została", "są", "ich", "tym", "tego", "także", "już",
		"przy", "ze", "we", "czy", "tylko", "może", "jednak", "bardzo", "roku", "lat":
		return of(iPL)
	case "na", "a", "co":
		return of(iPL)
	case "o", "po":
		return of(iPL, iLT)
	case "to":
		return of(iPL, iEN)
	// Lithuanian
	case "ir", "kad", "yra", "su", "į", "iš", "ne", "bet", "kaip", "tai", "jo",
		"jos", "buvo", "bus", "apie", "per", "prie", "nuo", "už", "dėl", "taip",
		"pat", "jau", "savo", "metų", "metais", "šis", "ši", "tačiau", "ar",
		"arba", "kurie", "kuris", "kuri", "buvęs":
		return of(iLT)
	// English
	case "the", "and", "of", "is", "that", "for", "on", "with", "as", "was",
		"by", "at", "from", "it", "be", "are", "this", "have", "has", "had",
		"which", "or", "not", "but", "their", "his", "her", "they", "were",
		"will", "said", "who", "been", "its":
		return of(iEN)
	case "in", "an":
		return of(iEN, iDE)
	case "bei":
		return of(iLT, iDE)
	// German
	case "der", "die", "das", "und", "ist", "den", "von", "zu", "mit", "sich",
		"des", "auf", "für", "nicht", "im", "dem", "ein", "eine", "als", "auch",
		"es", "werden", "aus", "er", "hat", "dass", "sie", "nach", "um",
		"am", "sind", "noch", "wie", "einem", "über", "einen", "zum", "war",
		"haben", "nur", "oder", "aber", "vor", "zur", "bis", "mehr", "durch", "wurde":
		return of(iDE)
	// Ukrainian
	case "і", "й", "та", "що", "як", "це", "від", "про", "його", "її",
		"але", "був", "була", "було", "були", "вже", "також", "які", "який",
		"яка", "якщо", "після", "між", "року", "році", "із", "зі", "цього", "щодо":
		return of(iUK)
	case "у", "до", "не", "за", "при", "під", "над":
		return of(iUK, iRU)
	case "на", "в", "з", "для":
		return of(iUK, iRU)
	// Russian
	case "и", "что", "как", "это", "от", "по", "о", "его", "ее", "но",
		"был", "была", "было", "были", "уже", "также", "которые", "который",
		"которая", "после", "между", "года", "из", "к", "с", "он", "она", "они":
		return of(iRU)
	}
	return set{}
}

// ngramLangs returns the languages a trigram (word edges as spaces) is
// characteristic of.
func ngramLangs(g []byte) set {
	switch string(g) {
	case "prz", "rze", "szy", "czy", "nie", "ych", "owi", "ość", "ści", "ie ", "ego", "ej ", "ów ", "wsk", "dzi":
		return of(iPL)
	case "ių ", "as ", "is ", "ys ", "us ", "uos", "jos", "imo", "ymo", "ija", "iai", "ėje", "auj", "os ", "io ", "ujo":
		return of(iLT)
	case " th", "the", "he ", "ing", "ng ", "and", "ion", "tio", " wh", "ed ", "ly ":
		return of(iEN)
	case "sch", "ein", "ich", "und", "ung", "cht", "en ", "er ", "ier", "ße ", " ge", "gen":
		return of(iDE)
	case "ння", "ськ", "ій ", "ії ", "ції", "ові", "ють":
		return of(iUK)
	case "ый ", "ие ", "ия ", "ого", "ает", "ует":
		return of(iRU)
	}
	return set{}
}
