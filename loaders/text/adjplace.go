package text

import (
	"strings"

	"github.com/ties-graph/ties/graph"
)

// countryWord is a one-word country name, folded, for reading adjectives
// made from it ("ukrainischer", "Ukrainian", "українське" → Ukraine).
type countryWord struct {
	word  []rune
	entry *gazEntry
}

func (x *Extractor) loadCountryWords() {
	for _, e := range x.gaz.entries {
		if e.typ != graph.Country {
			continue
		}
		for _, n := range e.names {
			if ws := words(n); len(ws) == 1 && len([]rune(ws[0])) >= 5 && !e.acronym[ws[0]] {
				x.countryWords = append(x.countryWords, countryWord{[]rune(ws[0]), e})
			}
		}
	}
}

// countryOfAdjective returns the one country whose name an adjective is
// made from: the adjective keeps the name's stem of five letters or more,
// all but its last three letters ("polsk|ie" of "Polsk|a"), or of four
// letters, all but two ("поль|ського" of "Поль|ща").
func (x *Extractor) countryOfAdjective(t token) *gazEntry {
	f := []rune(tokFold(t))
	var hit *gazEntry
	for _, cw := range x.countryWords {
		cp := 0
		for cp < len(f) && cp < len(cw.word) && f[cp] == cw.word[cp] {
			cp++
		}
		n := len(cw.word)
		if (cp >= 5 && cp >= n-3 || cp >= 4 && n >= 6 && cp >= n-2) && len(f) > cp {
			if hit != nil && hit != cw.entry {
				return nil
			}
			hit = cw.entry
		}
	}
	return hit
}

// adjectivePlace reads "die ukrainische Stadt Chotyn", "the Ukrainian city
// of Khotyn", "polskie miasto Żagań": a town named after a country's
// adjective and a town noun lies in that country.
func (d *docState) adjectivePlace(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	for _, m := range ms {
		if m.ent == nil || m.ent.typ != cty || m.anaphor {
			continue
		}
		k := m.i
		if n := lx.cityWords.matchAt(toks, k); n > 0 && n < m.j-m.i {
			// The town noun is part of the name: "Stadt Chotyn".
		} else {
			// "city of", "miasto", "Partnerstadt", "town" before the name.
			back := 0
			for k > 0 && back < 2 && toks[k-1].word() && (toks[k-1].fold == "of" || lx.cityWords.matchAt(toks, k-1) > 0 || strings.HasSuffix(toks[k-1].fold, "stadt")) {
				k--
				back++
			}
			if back == 0 || toks[k].fold == "of" {
				continue
			}
		}
		// English adjectives of countries are capitalised, German ones
		// are the lower-case word before a noun.
		if k == 0 || !toks[k-1].word() || !adjective(lx.lang, toks[k-1]) && !(lx.lang == "en" && toks[k-1].capital()) && !(lx.lang == "de" && !toks[k-1].capital()) {
			continue
		}
		if c := d.x.countryOfAdjective(toks[k-1]); c != nil {
			d.add(s, m.ent, d.gazEntity(c), graph.LocatedIn, 0.7, lx.lang+"/place/country-adjective")
		}
	}
}

// dateline reads the place a news text opens with: "Ženeva, Šveicarija —
// … dalyvavo 59-ojoje … sesijoje", "GDYNIA – The conference …": the events
// the sentence names happened in that town.
func (d *docState) dateline(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	if len(ms) < 2 || ms[0].i != 0 || ms[0].ent == nil || ms[0].ent.typ != cty {
		return
	}
	town := ms[0].ent
	k := ms[0].j
	// ", Country"
	if k+1 < len(toks) && toks[k].text == "," && len(ms) > 1 && ms[1].i == k+1 && ms[1].ent != nil && ms[1].ent.typ == ctr {
		k = ms[1].j
	}
	if k >= len(toks) || toks[k].text != "—" && toks[k].text != "–" && toks[k].text != "-" {
		return
	}
	for _, m := range ms {
		if m.i > k && m.ent != nil && m.ent.typ == evt && !m.anaphor && !d.located(m.ent) {
			d.add(s, m.ent, town, graph.LocatedIn, 0.6, lx.lang+"/place/dateline")
		}
	}
}

// located: the entity already has a place.
func (d *docState) located(e *entity) bool {
	for _, st := range d.stmts {
		if st.Subject.ID == e.id && st.Predicate == graph.LocatedIn {
			return true
		}
	}
	return false
}

// regionMentions reads regional self-governments written in lower case:
// "województwa pomorskiego" → "województwo pomorskie", a public body.
func (d *docState) regionMentions(s *sentence, lx *lexicon, used []bool, out *[]*mention) {
	toks := s.toks
	for i := 0; i+1 < len(toks); i++ {
		n := lx.regions.matchIdx(lx.regionIdx, toks, i)
		if n == 0 || used[i] || toks[i].capital() || i+n >= len(toks) {
			continue
		}
		a := toks[i+n]
		if used[i+n] || !a.word() || a.capital() || !adjective(lx.lang, a) {
			continue
		}
		head := d.lemmaPhrase(lx, toks[i:i+n])
		m := &mention{i: i, j: i + n + 1, typ: graph.PublicBody, surface: s.span(i, i+n+1), head: strings.ToLower(head)}
		m.name = strings.TrimSpace(head + " " + d.agree(lx, toks[i+n:i+n+1], head))
		*out = append(*out, m)
		for k := m.i; k < m.j; k++ {
			used[k] = true
		}
		i = m.j - 1
	}
}
