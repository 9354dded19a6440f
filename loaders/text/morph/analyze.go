package morph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind tells how an analysis found its lemma; it orders Lemmas.
type kind int

const (
	kindSelf  kind = iota // the word is itself a stem with affix flags
	kindAffix             // the word is a stem plus affixes
	kindBare              // the word is listed as is, without flags
)

// normalize folds word to the form the dictionary index uses: IGNORE
// characters and stress marks dropped, apostrophes unified, lowercased.
func (d *dictionary) normalize(word string) string {
	word = strings.TrimSpace(word)
	word = removeRunes(word, d.aff.ignore)
	if d.lang == "uk" && strings.ContainsAny(word, "’ʼ`‘") {
		// uk_UA.dic spells the apostrophe as ASCII '.
		word = strings.NewReplacer("’", "'", "ʼ", "'", "`", "'", "‘", "'").Replace(word)
	}
	if strings.ContainsRune(word, '\u0301') {
		word = strings.ReplaceAll(word, "\u0301", "") // combining acute (stress)
	}
	return lowerString(word)
}

// lowerString lowercases s without allocating when it already is lowercase.
func lowerString(s string) string {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				return strings.ToLower(s)
			}
		} else if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return strings.ToLower(s)
		}
	}
	return s
}

// usable reports whether an entry may stand for a word form on its own or
// as the root of an affixed form.
func (d *dictionary) usable(fl []flag) bool {
	a := d.aff
	return !hasFlag(fl, a.forbidden) && !hasFlag(fl, a.onlyInCompound)
}

// scratch holds the buffers one analysis uses to build candidate stems.
type scratch struct {
	b1, b2, b3 []byte
}

// analyze calls fn for every lemma of the lowercased word w, in the order
// found (identity, suffixes, prefixes, prefix+suffix); fn returns false to
// stop.
func (d *dictionary) analyze(w string, fn func(form string, k kind) bool) {
	var s scratch
	buf := make([]byte, 0, 192) // one allocation for the three buffers
	s.b1, s.b2, s.b3 = buf[0:0:64], buf[64:64:128], buf[128:128:192]
	stop := false
	emit := func(form string, k kind) bool {
		if stop {
			return false
		}
		if !fn(form, k) {
			stop = true
			return false
		}
		return true
	}
	// Identity.
	d.lookup(w, func(e *entry, fl []flag) bool {
		if !d.usable(fl) || hasFlag(fl, d.aff.needAffix) {
			return true
		}
		k := kindSelf
		if len(fl) == 0 {
			k = kindBare
		}
		return emit(e.form, k)
	})
	if stop {
		return
	}
	d.suffixes(w, &s.b1, &s.b3, 0, false, emit)
	if stop {
		return
	}
	d.prefixes(w, &s, emit)
}

// suffixes strips one suffix rule (and, where the file has continuation
// classes, a second one) from w and emits stems carrying the rule's flag.
// needFlag, if set, is a prefix flag the stem must also carry (cross
// product); crossOnly restricts to suffix rules that allow it.
func (d *dictionary) suffixes(w string, buf, buf2 *[]byte, needFlag flag, crossOnly bool, emit func(string, kind) bool) bool {
	a := d.aff
	// i is where the appended string starts; walk rune boundaries from the end.
	for i := len(w); i >= 0 && len(w)-i <= a.maxSfx; {
		groups := a.sfx[w[i:]]
		for gi := range groups {
			g := &groups[gi]
			if i == 0 && !a.fullStrip {
				continue
			}
			b := append((*buf)[:0], w[:i]...)
			b = append(b, g.strip...)
			*buf = b
			if !g.always && !anyMatchEnd(g.conds, b) {
				continue
			}
			if !d.emitSuffixStems(b, g.rules, nil, needFlag, crossOnly, emit) {
				return false
			}
			if a.hasCont && needFlag == 0 {
				if !d.twofold(b, g.rules, buf2, emit) {
					return false
				}
			}
		}
		if i == 0 {
			break
		}
		_, n := utf8.DecodeLastRuneInString(w[:i])
		i -= n
	}
	return true
}

// emitSuffixStems emits the entries for stem that one of rules applies to.
func (d *dictionary) emitSuffixStems(stem []byte, rules []*affix, conds []condition, needFlag flag, crossOnly bool, emit func(string, kind) bool) bool {
	// Conditions are cheaper than a map lookup and reject most stems.
	if conds != nil {
		any := false
		for _, c := range conds {
			if c.matchEndBytes(stem) {
				any = true
				break
			}
		}
		if !any {
			return true
		}
	}
	if !d.filter.mayContain(stem) {
		return true
	}
	idx, ok := d.index[string(stem)]
	if !ok {
		return true
	}
	for idx >= 0 {
		e := &d.entries[idx]
		idx = e.next
		fl := d.flagsets[e.flags]
		if len(fl) == 0 || !d.usable(fl) {
			continue
		}
		for _, r := range rules {
			if crossOnly && !r.cross {
				continue
			}
			if hasFlag(r.cont, d.aff.onlyInCompound) {
				continue // a form for compounds only (de_DE's "Urkunden-")
			}
			if !hasFlag(fl, r.flag) {
				continue
			}
			if needFlag != 0 && !hasFlag(fl, needFlag) && !hasFlag(r.cont, needFlag) {
				continue
			}
			if !r.cond.matchEndBytes(stem) {
				continue
			}
			if !emit(e.form, kindAffix) {
				return false
			}
			break
		}
	}
	return true
}

// twofold handles word = stem + inner suffix + outer suffix, where the inner
// suffix rule lists the outer rule's flag as a continuation class.
func (d *dictionary) twofold(w2 []byte, outer []*affix, buf *[]byte, emit func(string, kind) bool) bool {
	a := d.aff
	ws := string(w2)
	for i := len(ws); i > 0 && len(ws)-i <= a.maxSfx; {
		for _, g := range a.sfx[ws[i:]] {
			var inner []*affix
			for _, r1 := range g.rules {
				if len(r1.cont) == 0 {
					continue
				}
				for _, r2 := range outer {
					if hasFlag(r1.cont, r2.flag) && r2.cond.matchEnd(ws) {
						inner = append(inner, r1)
						break
					}
				}
			}
			if len(inner) == 0 {
				continue
			}
			b := append((*buf)[:0], ws[:i]...)
			b = append(b, g.strip...)
			*buf = b
			if !d.emitSuffixStems(b, inner, nil, 0, false, emit) {
				return false
			}
		}
		_, n := utf8.DecodeLastRuneInString(ws[:i])
		i -= n
	}
	return true
}

// prefixes strips one prefix rule from w, alone or with a suffix rule.
func (d *dictionary) prefixes(w string, s *scratch, emit func(string, kind) bool) {
	a := d.aff
	if len(a.pfx) == 0 {
		return
	}
	for j := 0; j <= len(w) && j <= a.maxPfx; {
		for _, g := range a.pfx[w[:j]] {
			if j == len(w) && !a.fullStrip {
				continue
			}
			b := append(s.b2[:0], g.strip...)
			b = append(b, w[j:]...)
			s.b2 = b
			// Prefix alone.
			if !d.filter.mayContain(b) {
				// not a stem
			} else if idx, ok := d.index[string(b)]; ok {
				for idx >= 0 {
					e := &d.entries[idx]
					idx = e.next
					fl := d.flagsets[e.flags]
					if !d.usable(fl) {
						continue
					}
					for _, r := range g.rules {
						if hasFlag(fl, r.flag) && r.cond.matchStartBytes(b) {
							if !emit(attachPrefix(w[:j], g.strip, e.form), kindAffix) {
								return
							}
							break
						}
					}
				}
			}
			// Prefix and suffix together.
			stem := string(b)
			pre, strip := w[:j], g.strip
			for _, r := range g.rules {
				if !r.cross || !r.cond.matchStart(stem) {
					continue
				}
				withPrefix := func(form string, k kind) bool {
					return emit(attachPrefix(pre, strip, form), k)
				}
				if !d.suffixes(stem, &s.b1, &s.b3, r.flag, true, withPrefix) {
					return
				}
			}
		}
		if j == len(w) {
			break
		}
		_, n := utf8.DecodeRuneInString(w[j:])
		j += n
	}
}

// attachPrefix puts the word's prefix back on the lemma of its stem: the
// dictionaries derive prefixed words by rule ("pasirašyti" from "rašyti",
// "niezależny" from "zależny"), and the prefixed word is the lemma a reader
// means.
func attachPrefix(prefix, strip, lemma string) string {
	if len(strip) > len(lemma) || !strings.EqualFold(lemma[:len(strip)], strip) {
		return lemma
	}
	if prefix == strip {
		return lemma // a case-only prefix rule (de_DE): keep the dictionary's spelling
	}
	return prefix + lemma[len(strip):]
}

// anyMatchEnd reports whether one of conds holds for stem.
func anyMatchEnd(conds []condition, stem []byte) bool {
	for _, c := range conds {
		if c.matchEndBytes(stem) {
			return true
		}
	}
	return false
}

// matchEndBytes is matchEnd for a byte slice.
func (c condition) matchEndBytes(s []byte) bool {
	for i := len(c) - 1; i >= 0; i-- {
		if len(s) == 0 {
			return false
		}
		r, n := utf8.DecodeLastRune(s)
		if !c[i].match(r) {
			return false
		}
		s = s[:len(s)-n]
	}
	return true
}

// matchStartBytes is matchStart for a byte slice.
func (c condition) matchStartBytes(s []byte) bool {
	for i := 0; i < len(c); i++ {
		if len(s) == 0 {
			return false
		}
		r, n := utf8.DecodeRune(s)
		if !c[i].match(r) {
			return false
		}
		s = s[n:]
	}
	return true
}

// candidate is one lemma found for a word, with its score (higher first).
type candidate struct {
	form  string
	k     kind
	score int
}

// Scores of the ways a lemma is found. Debian's pl_PL lists many inflected
// forms without flags ("miasta", "roku", "Wrocławiu"), so an unflagged entry
// is trusted as a lemma only for closed-class words; otherwise a reading by
// affix rules wins. Affixed readings are ordered by how plausible the
// guesser finds the change of ending ("Rady": rada over rad), and nominal
// readings beat verbal ones: ties lemmatizes names and noun phrases.
const (
	scoreClosed    = 2000 // a preposition, conjunction or particle as itself
	scoreSelf      = 1000 // the word is a flagged stem itself
	scoreAffix     = 500
	scoreBareLower = 450 // listed as is, lowercase ("miasta")
	scoreGuessed   = 400 // a listed base form guessed for a listed inflected name
	scoreBareCap   = 300 // an inflected proper name listed as is ("Wrocławiu")
	// caseMismatch outweighs the kind of reading: a capitalized word is read
	// as a proper name ("Gdańska" -> "Gdańsk", not the adjective "gdańska").
	caseMismatch = 600
	verbPenalty  = 30
	// unlisted pushes bare capitalized forms under every other reading.
	unlisted = 500
)

// lemmas returns the ranked, deduplicated lemmas of the normalized word w;
// orig is the word as written, whose capitalization breaks ties.
func (d *dictionary) lemmas(w, orig string) []string { return d.lemmasWith(w, orig, true) }

// lemmasWith is lemmas; gender false leaves adjectives at the dictionary's
// masculine (see keepGender).
func (d *dictionary) lemmasWith(w, orig string, gender bool) []string {
	var cands []candidate
	bareCap := false // w is listed as a capitalized form without flags
	affixed := 0
	origCap := isCapitalized(orig)
	closed := closedClass(d.lang, w)
	d.analyze(w, func(form string, k kind) bool {
		score := 0
		switch k {
		case kindSelf:
			score = scoreSelf
		case kindAffix:
			score = scoreAffix
			if looksVerbal(d.lang, form) {
				score -= verbPenalty
			}
			affixed++
		case kindBare:
			score = scoreBareLower
			if isCapitalized(form) {
				score = scoreBareCap - unlisted
				bareCap = true
			}
		}
		if isCapitalized(form) != origCap {
			score -= caseMismatch
		}
		if k != kindAffix && closed && !isCapitalized(form) {
			score = scoreClosed
		}
		cands = append(cands, candidate{form, k, score})
		return true
	})
	if len(cands) == 0 {
		return nil
	}
	if len(cands) == 1 && !bareCap {
		return d.finish(w, orig, []string{cands[0].form}, gender)
	}
	if affixed > 1 {
		for i := range cands {
			c := &cands[i]
			if c.k != kindAffix {
				continue
			}
			c.score += d.guess.weight(w, lowerString(c.form))
		}
		if !origCap {
			preferMasculine(d.lang, cands)
		}
	}
	if bareCap && d.guess != nil {
		for _, g := range d.guess.candidates(w) {
			if g.form == w {
				continue
			}
			d.lookup(g.form, func(e *entry, fl []flag) bool {
				if isCapitalized(e.form) && d.usable(fl) && !hasFlag(fl, d.aff.needAffix) {
					score := scoreGuessed + g.score
					if !origCap {
						score -= caseMismatch
					}
					cands = append(cands, candidate{e.form, kindAffix, score})
				}
				return true
			})
		}
	}
	return d.finish(w, orig, rankForms(cands), gender)
}

// maxAcronym is the longest word in capitals read as an acronym; longer
// ones (headlines: "SAVIVALDYBĖJE") are lemmatized.
const maxAcronym = 4

// finish applies the corrections for names and German nouns to ranked
// lemmas.
func (d *dictionary) finish(w, orig string, lemmas []string, gender bool) []string {
	if isAllUpper(orig) && utf8.RuneCountInString(orig) <= maxAcronym {
		// "POST", "KR", "PEN": acronyms, not the common words they spell.
		out := []string{orig}
		for _, l := range lemmas {
			if l != orig {
				out = append(out, l)
			}
		}
		return out
	}
	if gender {
		lemmas = d.keepGender(w, lemmas)
	}
	lemmas = d.verbalNoun(w, lemmas)
	lemmas = d.gerund(w, lemmas)
	return d.nominalization(w, orig, lemmas)
}

// gerund fixes Polish verbal nouns: pl_PL derives "kształtowanie" from
// "kształtować" by a suffix flag, so its forms analyse as the verb; the
// lemma is the noun. Endings that verbs share are left alone: "zostanie"
// (zostać), "robicie" (robić).
func (d *dictionary) gerund(w string, lemmas []string) []string {
	if d.lang != "pl" || len(lemmas) == 0 || lemmas[0] == w || !strings.HasSuffix(lemmas[0], "ć") {
		return lemmas
	}
	verb := lemmas[0]
	nasal := strings.HasSuffix(verb, "stać") || strings.HasSuffix(verb, "nąć")
	noun := ""
	for _, end := range []string{"iami", "iach", "iom", "iem", "ia", "iu", "ie", "ń"} {
		stem, ok := strings.CutSuffix(w, end)
		if !ok {
			continue
		}
		an := strings.HasSuffix(stem, "an") || strings.HasSuffix(stem, "en")
		switch end {
		case "ń": // genitive plural: kształtowań, przemówień
			if strings.HasSuffix(stem, "a") || strings.HasSuffix(stem, "e") {
				if !nasal {
					noun = stem + "nie"
				}
			}
		case "ie":
			if an && !nasal {
				noun = w
			}
		default:
			if an || strings.HasSuffix(stem, "ęc") || strings.HasSuffix(stem, "yc") || strings.HasSuffix(stem, "ic") {
				noun = stem + "ie"
			}
		}
		break
	}
	if noun == "" {
		return lemmas
	}
	out := []string{noun}
	for _, l := range lemmas {
		if l != noun {
			out = append(out, l)
		}
	}
	return out
}

// verbalNoun fixes Lithuanian nouns in -imas/-ymas/-umas: lt_LT derives
// them from verbs and adjectives by suffix flags, so "bendradarbiavimas"
// analyses as "bendradarbiavo"; the lemma is the noun itself.
func (d *dictionary) verbalNoun(w string, lemmas []string) []string {
	if d.lang != "lt" || len(lemmas) == 0 || strings.HasSuffix(lowerString(lemmas[0]), "mas") {
		return lemmas
	}
	for _, end := range []string{"muose", "mams", "mais", "mas", "mui", "mai", "mus", "mo", "mą", "mu", "me", "mų"} {
		stem, ok := strings.CutSuffix(w, end)
		if !ok {
			continue
		}
		if !strings.HasSuffix(stem, "i") && !strings.HasSuffix(stem, "y") && !strings.HasSuffix(stem, "u") {
			return lemmas
		}
		noun := stem + "mas"
		out := []string{noun}
		for _, l := range lemmas {
			if l != noun {
				out = append(out, l)
			}
		}
		return out
	}
	return lemmas
}

// nominalization fixes German derived nouns: de_DE derives "-ung" nouns
// from the verb and "-in" nouns from the masculine by suffix flags, so
// "Verhandlungen" analyses as "verhandeln" and "Kanzlerin" as "Kanzler";
// the lemma a reader wants is the noun itself.
func (d *dictionary) nominalization(w, orig string, lemmas []string) []string {
	if d.lang != "de" || !isCapitalized(orig) {
		return lemmas
	}
	noun := ""
	switch {
	case strings.HasSuffix(w, "ungen"):
		noun = strings.TrimSuffix(w, "en")
	case strings.HasSuffix(w, "ung"):
		noun = w
	case strings.HasSuffix(w, "innen") && len(lemmas) > 0 && strings.EqualFold(lemmas[0], strings.TrimSuffix(w, "innen")):
		noun = strings.TrimSuffix(w, "nen") // Partnerinnen -> Partnerin
	case strings.HasSuffix(w, "in") && len(lemmas) > 0 && strings.EqualFold(lemmas[0], strings.TrimSuffix(w, "in")):
		noun = w // Kanzlerin, not Kanzler
	default:
		return lemmas
	}
	noun = capitalize(noun)
	out := []string{noun}
	for _, l := range lemmas {
		if l != noun {
			out = append(out, l)
		}
	}
	return out
}

// keepGender puts first, for an adjective form, the nominative of its own
// gender and number: the dictionaries lemmatize adjectives to the masculine
// singular, but names keep theirs ("Anny Nowackiej" is Anna Nowacka, "Unii
// Europejskiej" the Unia Europejska, "Wrocławskie Centrum" stays, and so
// does "військова адміністрація"). A nominative form is its own lemma; a
// feminine singular form gets the feminine nominative; other forms keep
// the masculine. The masculine stays among the lemmas.
func (d *dictionary) keepGender(w string, lemmas []string) []string {
	var nominative []string
	switch d.lang {
	case "pl":
		nominative = []string{"a", "e", "i", "y"}
	case "uk":
		nominative = []string{"а", "я", "е", "є", "і"}
	default:
		return lemmas
	}
	if len(lemmas) == 0 {
		return lemmas
	}
	top := lemmas[0]
	base := lowerString(top)
	if base == w {
		return lemmas
	}
	nom := hasAnySuffix(w, nominative) && !strings.HasSuffix(w, "mi") // not the instrumental plural "-ymi"
	if !nom && !feminineForm(d.lang, w) {
		return lemmas
	}
	var forms []string
	d.lookup(base, func(e *entry, fl []flag) bool {
		if e.form == top {
			d.generate(base, fl, func(f string) { forms = append(forms, f) })
			return false
		}
		return true
	})
	fem := feminineBase(d.lang, base, forms) // "" unless an adjective
	if fem == "" {
		return lemmas
	}
	keep := ""
	switch {
	case nom && contains(forms, w):
		keep = w
	case feminineForm(d.lang, w) && fem != base:
		keep = fem
	default:
		return lemmas
	}
	if isCapitalized(top) {
		keep = capitalize(keep)
	}
	out := append([]string{keep}, lemmas...)
	for i := 1; i < len(out); i++ {
		if out[i] == keep {
			return append(out[:i], out[i+1:]...)
		}
	}
	return out
}

// preferMasculine breaks ties between an adjective's masculine lemma and a
// feminine or neuter form the dictionary also lists as a word ("środkowej":
// środkowy over środkowa): a lowercase word is lemmatized the way the
// dictionary lemmatizes adjectives.
func preferMasculine(lang string, cands []candidate) {
	var masc, other []string
	switch lang {
	case "pl":
		masc, other = []string{"y", "i"}, []string{"a", "e", "ie"}
	case "uk":
		masc, other = []string{"ий", "ій"}, []string{"а", "я", "е", "є", "і"}
	default:
		return
	}
	for i := range cands {
		c := &cands[i]
		if c.k != kindAffix {
			continue
		}
		for _, m := range masc {
			stem, ok := strings.CutSuffix(c.form, m)
			if !ok {
				continue
			}
			for _, o := range cands {
				if o.k == kindAffix && o.score >= c.score && hasAnySuffix(o.form, other) && strings.HasPrefix(o.form, stem) &&
					len(o.form)-len(stem) <= 3 {
					c.score = o.score + 1
				}
			}
		}
	}
}

// looksVerbal reports whether a lemma has the infinitive ending of lang.
func looksVerbal(lang, lemma string) bool {
	switch lang {
	case "pl":
		// Not the nouns in -ość/-ęść (przyszłość, część).
		return strings.HasSuffix(lemma, "ć") && !strings.HasSuffix(lemma, "ość") && !strings.HasSuffix(lemma, "ęść")
	case "uk":
		return strings.HasSuffix(lemma, "ти") || strings.HasSuffix(lemma, "тися") || strings.HasSuffix(lemma, "ть")
	case "lt":
		// Not -tis: reflexive infinitives share it with nouns (sutartis).
		return strings.HasSuffix(lemma, "ti")
	case "ru":
		return strings.HasSuffix(lemma, "ть") || strings.HasSuffix(lemma, "ться")
	}
	return false
}

// closedClass reports whether w is a preposition, conjunction or particle
// of lang: uninflected words whose affix readings are spurious ("od" is not
// a form of "oda").
func closedClass(lang, w string) bool {
	switch lang {
	case "pl":
		switch w {
		case "a", "aby", "albo", "ale", "bez", "by", "bo", "czy", "dla", "do", "dopiero",
			"gdy", "gdzie", "i", "jak", "jako", "jednak", "jeszcze", "już", "kiedy", "ku",
			"lub", "między", "na", "nad", "nie", "o", "od", "oraz", "po", "pod", "podczas",
			"poza", "przed", "przez", "przy", "również", "tak", "także", "też", "tylko",
			"u", "w", "we", "według", "wobec", "wraz", "z", "za", "ze", "że", "około", "bardzo",
			"co", "można", "razem", "się", "tu", "tam", "teraz", "wtedy", "zawsze", "dziś",
			"dzisiaj", "wczoraj", "jutro", "natomiast", "ponadto", "ponad", "wśród",
			"dzięki", "poprzez", "zgodnie", "zaś", "ani", "lecz", "jednocześnie":
			return true
		}
	case "uk":
		switch w {
		case "а", "або", "але", "без", "біля", "в", "від", "для", "до", "з", "за", "зі",
			"із", "і", "й", "між", "на", "над", "не", "о", "по", "під", "після", "понад",
			"при", "про", "разом", "та", "також", "тому", "у", "через", "чи", "що", "як",
			"вже", "ще", "лише", "коли", "де", "завдяки", "щодо", "серед", "протягом",
			"згідно", "відповідно", "навколо", "близько", "зокрема":
			return true
		}
	case "lt":
		switch w {
		case "apie", "ar", "be", "bei", "bet", "dar", "dėl", "iki", "ir", "iš", "į", "jau",
			"kad", "kaip", "kartu", "kol", "nei", "net", "nors", "nuo", "o", "pagal", "per",
			"po", "prie", "su", "taip", "tarp", "tik", "toliau", "už", "vis", "kai",
			"dėka", "virš", "šalia", "prieš", "tačiau", "jog":
			return true
		}
	case "en":
		switch w {
		case "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of",
			"on", "or", "than", "the", "to", "with", "is", "was", "us":
			return true
		}
	case "de":
		switch w {
		case "als", "an", "auf", "aus", "bei", "bis", "das", "dass", "der", "die", "durch",
			"für", "im", "in", "mit", "nach", "oder", "über", "um", "und", "unter", "von",
			"vor", "zu", "zum", "zur", "wie":
			return true
		}
	}
	return false
}

// rankForms orders candidates by rank (stable) and drops repeated forms.
func rankForms(cands []candidate) []string {
	// Insertion sort: the lists are short.
	for i := 1; i < len(cands); i++ {
		for j := i; j > 0 && cands[j].score > cands[j-1].score; j-- {
			cands[j], cands[j-1] = cands[j-1], cands[j]
		}
	}
	out := make([]string, 0, len(cands))
	for _, c := range cands {
		if !contains(out, c.form) {
			out = append(out, c.form)
		}
	}
	return out
}

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
