package morph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// guessRule turns a word ending into a base-form ending: a word ending in
// end is proposed as (word minus end) + base. end == base proposes the word
// itself (an ending typical of the nominative).
type guessRule struct {
	end, base string
	weight    int
	endRunes  int
}

// guesser proposes base forms of words a dictionary lacks, from the
// language's declension endings. Rules are ordered by weight.
type guesser struct {
	lang  string
	rules []guessRule
	// identity is the weight of proposing the word unchanged when no
	// nominative-like ending rule says otherwise.
	identity int
}

// ruleScale (percent) weighs the hand-written rules against the learned
// model when both are present; 50 scored best on held-out names. Some rules
// carry a news-text prior the dictionary lacks and weigh more: Russian-type
// surnames in -ов ("Баньковим" -> Баньков) are common in Ukrainian news
// while the dictionary's -овим forms mostly come from -ів names.
const ruleScale = 50

// acronymBoost keeps unknown words in capitals unchanged.
const acronymBoost = 200

// minGuessScore is the least combined score a proposal needs to be listed.
const minGuessScore = 5

// minStemRunes is the shortest stem a guess may leave before its new ending.
const minStemRunes = 2

// newGuesser returns the guesser for lang, nil when there are no rules.
// The tables encode the declension endings of each language's nouns,
// proper names and adjectival surnames, proposing the nominative singular.
func newGuesser(lang string) *guesser {
	var spec string
	identity := 20
	switch lang {
	case "pl":
		spec = plRules
	case "uk":
		spec = ukRules
	case "lt":
		spec = ltRules
	case "en":
		spec = enRules
		identity = 35
	case "de":
		spec = deRules
		identity = 40
	case "ru":
		spec = ruRules
	default:
		return nil
	}
	g := &guesser{lang: lang, identity: identity}
	for _, ln := range strings.Split(spec, "\n") {
		f := strings.Fields(ln)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		// "end base weight"; "-" is the empty string.
		if len(f) != 3 {
			panic("morph: bad guess rule " + ln) // a bug in the tables below
		}
		w := 0
		for _, c := range f[2] {
			w = w*10 + int(c-'0')
		}
		r := guessRule{end: dash(f[0]), base: dash(f[1]), weight: w}
		r.endRunes = utf8.RuneCountInString(r.end)
		g.rules = append(g.rules, r)
	}
	// Stable sort by weight, heaviest first (insertion sort: tables are short).
	for i := 1; i < len(g.rules); i++ {
		for j := i; j > 0 && g.rules[j].weight > g.rules[j-1].weight; j-- {
			g.rules[j], g.rules[j-1] = g.rules[j-1], g.rules[j]
		}
	}
	return g
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// guess is one proposed base form, lowercased, with its score.
type guess struct {
	form  string // lowercased base form
	stem  int    // runes of the word kept
	base  string // ending appended to the kept runes
	score int
}

// candidates returns the proposals for the lowercased word w, heaviest
// first, including w itself.
func (g *guesser) candidates(w string) []guess {
	n := utf8.RuneCountInString(w)
	out := make([]guess, 0, 8)
	identityDone := false
	for _, r := range g.rules {
		// A rule that puts a longer ending back may leave a one-letter stem
		// (року -> рік).
		need := minStemRunes
		if utf8.RuneCountInString(r.base) >= 2 {
			need--
		}
		if !strings.HasSuffix(w, r.end) || n-r.endRunes < need {
			continue
		}
		form := w[:len(w)-len(r.end)] + r.base
		if form == w {
			if identityDone {
				continue
			}
			identityDone = true
		}
		if containsGuess(out, form) {
			continue
		}
		out = append(out, guess{form: form, stem: n - r.endRunes, base: r.base, score: r.weight})
	}
	if !identityDone {
		out = append(out, guess{form: w, stem: n, score: g.identity})
	}
	return out
}

// weight returns the weight of the heaviest rule that turns the lowercased
// word w into form (0 when none does), without building the candidates.
func (g *guesser) weight(w, form string) int {
	if g == nil {
		return 0
	}
	n := -1
	for _, r := range g.rules { // heaviest first
		if !strings.HasSuffix(w, r.end) {
			continue
		}
		stem := w[:len(w)-len(r.end)]
		if len(form) != len(stem)+len(r.base) || !strings.HasPrefix(form, stem) || form[len(stem):] != r.base {
			continue
		}
		if n < 0 {
			n = utf8.RuneCountInString(w)
		}
		need := minStemRunes
		if utf8.RuneCountInString(r.base) >= 2 {
			need--
		}
		if n-r.endRunes >= need {
			return r.weight
		}
	}
	return 0
}

func containsGuess(gs []guess, form string) bool {
	for _, g := range gs {
		if g.form == form {
			return true
		}
	}
	return false
}

// Guess proposes base forms for a word the dictionary may lack (mostly
// proper names: "Wrocławiu" -> "Wrocław", "Баньковим" -> "Баньков",
// "Karlshamno" -> "Karlshamnas"), best first, spelled with the word's own
// capitalization. Candidates the dictionary lists as base forms rank first.
// It returns nil for an empty word or a language without rules.
func (a *Analyzer) Guess(lang, word string) []string {
	g := a.guessers[lang]
	d := a.dicts[lang]
	if g == nil && d == nil {
		return nil
	}
	orig := strings.TrimSpace(word)
	var w string
	var m *suffixModel
	if d != nil {
		w = d.normalize(orig)
		orig = d.normalizeKeepCase(orig)
		m = d.suffixModel()
	} else {
		w = lowerString(orig)
	}
	if w == "" {
		return nil
	}
	return rankGuesses(g, m, d, orig, w)
}

// rankGuesses adds the learned model's score of each proposal (its share of
// the dictionary's examples, 0..100) to the hand-written rules' weight
// (0..70: they carry what a dictionary of names does not show, such as
// which readings news text needs most), boosts
// base forms the dictionary d lists (nil: no boost) and returns the forms,
// best first, with the capitalization of orig.
func rankGuesses(g *guesser, m *suffixModel, d *dictionary, orig, w string) []string {
	var cands []guess
	if m != nil {
		cands = m.candidates(w)
	}
	if g != nil {
		for _, c := range g.candidates(w) {
			if m != nil {
				c.score = c.score * ruleScale / 100
			}
			found := false
			for i := range cands {
				if cands[i].form == c.form {
					cands[i].score += c.score
					found = true
					break
				}
			}
			if !found {
				cands = append(cands, c)
			}
		}
	}
	// Drop proposals neither source supports (the model's long tail).
	kept := cands[:0]
	for _, c := range cands {
		if c.score >= minGuessScore || c.form == w {
			kept = append(kept, c)
		}
	}
	cands = kept
	if !containsGuess(cands, w) {
		cands = append(cands, guess{form: w, stem: utf8.RuneCountInString(w)})
	}
	// A word in capitals that the dictionary lacks is an acronym (NVO, ЧДТУ):
	// it stays as it is.
	if isAllUpper(orig) {
		for i := range cands {
			if cands[i].form == w {
				cands[i].score += acronymBoost
			}
		}
	}
	forms := make([]string, len(cands))
	for i := range cands {
		c := &cands[i]
		forms[i] = applyCase(orig, c.stem, c.base)
		if d == nil {
			continue
		}
		// A candidate the dictionary lists as a base form is very likely
		// right; one it lists but reads as a form of another word (pl_PL
		// lists "Wrocławia" as is) only a little.
		if f, ok := d.baseForm(c.form, orig); ok {
			forms[i] = f
			if ls := d.lemmas(c.form, f); len(ls) > 0 && strings.EqualFold(ls[0], f) {
				c.score += 100
			} else {
				c.score += 20
			}
		}
	}
	// Order by score, stable.
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && cands[idx[j]].score > cands[idx[j-1]].score; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		if !contains(out, forms[i]) {
			out = append(out, forms[i])
		}
	}
	return out
}

// baseForm returns the dictionary's spelling of the lowercased word w when
// it lists w as a stem, preferring the capitalization of orig.
func (d *dictionary) baseForm(w, orig string) (string, bool) {
	best, found := "", false
	wantCap := isCapitalized(orig)
	d.lookup(w, func(e *entry, fl []flag) bool {
		if !d.usable(fl) || hasFlag(fl, d.aff.needAffix) {
			return true
		}
		if !found || (isCapitalized(e.form) == wantCap && isCapitalized(best) != wantCap) {
			best, found = e.form, true
		}
		return true
	})
	return best, found
}

// normalizeKeepCase drops what normalize drops (IGNORE characters, stress
// marks) but keeps case and the word's own apostrophes, so guesses keep the
// spelling of the text.
func (d *dictionary) normalizeKeepCase(word string) string {
	word = removeRunes(word, d.aff.ignore)
	return strings.ReplaceAll(word, "\u0301", "")
}

// applyCase keeps the first stem runes of orig and appends base, uppercased
// when orig is written in capitals.
func applyCase(orig string, stem int, base string) string {
	i, n := 0, 0
	for n < stem && i < len(orig) {
		_, sz := utf8.DecodeRuneInString(orig[i:])
		i += sz
		n++
	}
	if base != "" && isAllUpper(orig) {
		base = strings.ToUpper(base)
	}
	return orig[:i] + base
}

func isAllUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 1
}

// Rule tables: "word-ending base-ending weight". Heavier rules rank first;
// the identity weight (20 unless set above) is what leaving the word as it
// is scores.
const plRules = `
# adjectival surnames and names: -ski/-cki/-dzki, -y
skiego ski 70
skiemu ski 70
skim ski 60
ską ska 70
skiej ska 70
ckiego cki 70
ckiemu cki 70
ckim cki 60
cką cka 70
ckiej cka 70
kiego ki 65
kiemu ki 65
giego gi 65
ego y 50
emu y 45
ym y 35
ej a 40
# -ów towns (Kraków, Tarnów): Krakowie, Krakowa, Krakowem, Krakowowi
owie ów 60
owa ów 50
owem ów 55
owowi ów 45
# locative/dative -e with consonant alternation (masculine hard stems and -a feminines)
ście st 50
ście sta 45
dzie d 40
dzie da 45
cie t 40
cie ta 42
rze r 45
rze ra 45
le ł 40
le ła 38
nie n 40
nie na 42
sie s 35
sie sa 33
wie w 40
wie wa 45
mie m 35
mie ma 38
pie p 35
pie pa 45
bie b 35
bie ba 40
fie f 30
fie fa 30
zie z 35
zie za 35
dze ga 45
ce ka 45
sze cha 30
# -u: locative/genitive/dative of masculines (Gdańsku, Londynu, Wrocławiu)
niu ń 50
ciu ć 40
siu ś 40
ziu ź 40
iu - 45
u - 40
# genitive -a of masculines, -y/-i of feminines
nia ń 45
cia ć 40
sia ś 40
zia ź 40
ia - 35
a - 40
ka ek 30
ca ec 30
ki ka 50
gi ga 50
ji ja 50
ii ia 50
i ia 40
y a 45
y - 25
# instrumental
niem ń 45
iem - 40
em - 40
ią ia 45
ą a 50
# accusative of feminines
ię ia 45
ę a 50
# dative of masculines
owi - 45
# nominative endings left as they are (-ska/-cka: women's surnames)
a a 42
ów ów 45
ska ska 50
cka cka 50
dzka dzka 50
# tie-breakers under the identity weight: among dictionary readings prefer
# the masculine adjective (zdrowe: zdrowy over zdrowa)
e y 15
ych y 15
ym y 15
`

const ukRules = `
# adjectival surnames and places: -ський/-цький/-ська
ського ський 65
ському ський 65
ським ський 60
ської ська 65
ській ська 55
ською ська 60
ську ська 55
цького цький 65
цькому цький 65
цьким цький 60
цької цька 65
цькій цька 55
ького ький 60
ькому ький 60
ьким ький 55
ької ька 60
ого ий 50
ому ий 45
ої а 45
ій а 35
им ий 35
# surnames in -ов/-ев/-єв/-ін/-ин: Баньковим, Банькова, Банькову, Баньковові
овим ов 100
евим ев 100
євим єв 100
іним ін 60
иним ин 60
ові - 55
ову ов 50
еву ев 50
еві - 50
єві їв 60
єва їв 60
євом їв 55
ова ів 45
ові ів 45
овом ів 45
ову ів 45
# і/о alternation of closed syllables: року -> рік, Сокола -> Сокіл
оку ік 40
оком ік 40
ола іл 35
олу іл 35
ом - 50
ем - 45
а - 40
у - 35
# feminines: -а, -я, -иця, -ка, -га
иці иця 55
иця иця 50
ці ка 45
ці ця 45
зі га 40
ею я 45
ою а 50
і а 40
і я 40
и а 40
у а 40
ю я 40
ї я 40
# nominative endings left as they are
а а 42
я я 42
ий ий 45
`

const ltRules = `
# -as / -is / -ys / -us masculines
io is 50
io ys 35
iui is 50
iu is 40
yje is 50
yje ys 40
į is 45
aus us 50
umi us 45
uje us 50
uose ai 40
o as 50
ui as 45
ą as 45
u as 40
e as 40
# -a and -ė feminines
oje a 55
os a 50
ai a 40
ą a 45
ėje ė 55
ės ė 50
ei ė 45
ę ė 45
e ė 35
# genitive plural (plural place names: Kėdainiai, Šiauliai)
ių iai 40
ų ai 30
ų as 30
ų a 36
ų os 25
ų us 25
# nominative endings left as they are
as as 45
is is 45
ys ys 45
us us 45
a a 45
ė ė 45
ai ai 40
`

const enRules = `
's - 60
’s - 60
s' s 50
ies y 40
s - 30
`

const deRules = `
s - 30
es - 25
`

const ruRules = `
ского ский 65
скому ский 65
ским ский 60
ской ская 65
ого ий 45
ому ий 45
ой а 40
овым ов 60
евым ев 60
иным ин 60
ову ов 45
ова ов 45
ове ов 40
ом - 45
ем - 40
а - 35
у - 30
е а 35
ы а 40
и я 35
у а 35
ю я 35
ой ой 30
а а 42
я я 42
ий ий 45
ый ый 45
`
