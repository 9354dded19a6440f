package text

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
)

// mention is one place a sentence names an entity.
type mention struct {
	i, j    int // token range in the sentence, j exclusive
	typ     graph.EntityType
	name    string // nominative name, as best known
	surface string
	gaz     *gazEntry
	ent     *entity
	anaphor bool // a definite noun standing for an earlier entity
	quoted  bool
	// tail is the place a name ends in ("… w Chrzanowie"), a nested mention.
	tail *mention
	// head is the dictionary form of the name's head noun ("projekt").
	head string
	// generic anaphors ("wydarzenie") take the last entity of their type.
	generic bool
	// short is a bare head noun ("Уповноваженого") that names a body only
	// as the short form of one named before.
	short bool
	// ordinal: the event is counted ("Druga sesja"): a new one.
	ordinal bool
	// afterLoc: a preposition of place stands right before the mention.
	afterLoc bool
	// next is the folded word right after the mention.
	next string
	// alt is a second name given with the first („A” / „B”).
	alt string
	// inner is the body an event noun governs ("posiedzenie Komisji X").
	inner *mention
	// owner is a name in the genitive that closed this one ("programu
	// Lokalne Partnerstwa | Polsko-Amerykańskiej Fundacji Wolności").
	owner *mention
}

func isOpenQuote(s string) bool {
	return s == "„" || s == "«" || s == "\"" || s == "“" || s == "‘"
}
func isCloseQuote(s string) bool {
	return s == "”" || s == "»" || s == "\"" || s == "“" || s == "’"
}

// findMentions marks the entity names of one sentence, left to right,
// without overlaps.
func (d *docState) findMentions(s *sentence, lx *lexicon) []*mention {
	toks := s.toks
	var out []*mention
	used := make([]bool, len(toks))
	take := func(m *mention) {
		for k := m.i; k < m.j; k++ {
			used[k] = true
		}
		out = append(out, m)
	}
	d.acronymNames(s, lx, used, take)
	for i := 0; i < len(toks); i++ {
		if used[i] {
			continue
		}
		t := toks[i]
		// Quoted names: „Razem w bibliotece”, «Асоціація міст України».
		if t.punct() && isOpenQuote(t.text) {
			if m := d.quoted(s, lx, i); m != nil {
				take(m)
				i = m.j - 1
			}
			continue
		}
		if !t.word() {
			continue
		}
		// Known names that start in lower case: "program Miasta
		// Międzykulturowe", "sieć Eurocities".
		if !t.capital() && i+1 < len(toks) && (toks[i+1].capital() || toks[i+1].acronym()) {
			if e, n := d.x.gaz.match(toks, i, d.x.suf); e != nil && n >= 2 {
				take(&mention{i: i, j: i + n, typ: e.typ, name: e.name, surface: s.span(i, i+n), gaz: e})
				i += n - 1
				continue
			}
		}
		// Head noun in lower case before a name: "programu Miasta
		// Międzykulturowe", "sieci ICORN", "projektu „X”".
		if !t.capital() {
			if typ, n := lx.headType(lx.heads, toks, i); n > 0 && i+n < len(toks) && !d.triggerWord(lx, t) {
				// "konferencja pt. „…”", "forum titled „…”".
				k := lx.titled.matchAt(toks, i+n)
				for k > 0 && i+n+k < len(toks) && toks[i+n+k].text == "." {
					k++
				}
				if k > 0 && i+n+k < len(toks) && toks[i+n+k].punct() && isOpenQuote(toks[i+n+k].text) {
					if m := d.quoted(s, lx, i+n+k); m != nil {
						if m.gaz == nil {
							m.typ = typ
						}
						m.head = strings.ToLower(d.lemmaPhrase(lx, toks[i:i+n]))
						m.i = d.adjectivesBefore(lx, toks, i, used)
						take(m)
						i = m.j - 1
						continue
					}
				}
				// "conference of the Union of the Baltic Cities"; "the"
				// only after "of" ("during its session the Kraków City
				// Council approved" names no session of Kraków).
				if (lx.lang == "en" || lx.lang == "de") && typ == graph.Event {
					k := i + n
					for k < len(toks) && k < i+n+2 && toks[k].word() && !toks[k].capital() &&
						(toks[k].fold == "of" || toks[k].fold == "der" || toks[k].fold == "des" || toks[k].fold == "the" && k > i+n && toks[k-1].fold == "of") {
						k++
					}
					// "meeting of representatives of the Lithuanian member
					// cities of the Union of …": lower-case words between
					// "of" and the closing name.
					if lx.lang == "en" && k == i+n+1 && toks[i+n].fold == "of" && k < len(toks) && !toks[k].capital() {
						if q := d.ofPhrase(lx, toks, k); q > k {
							k = q
						}
					}
					if k > i+n && k < len(toks) && toks[k].capital() {
						if m := d.chain(s, lx, k); m != nil && m.typ != graph.Person {
							ev := &mention{j: m.j, typ: graph.Event, head: strings.ToLower(toks[i].text)}
							ev.i = d.adjectivesBefore(lx, toks, i, used)
							ev.surface = s.span(ev.i, ev.j)
							ev.name = ev.surface
							ev.owner = m
							take(ev)
							i = ev.j - 1
							continue
						}
					}
				}
				nx := toks[i+n]
				if nx.punct() && isOpenQuote(nx.text) {
					if m := d.quoted(s, lx, i+n); m != nil {
						m.i = i
						if m.typ == "" || m.gaz == nil {
							m.typ = typ
						}
						m.head = strings.ToLower(d.lemmaPhrase(lx, toks[i:i+n]))
						take(m)
						i = m.j - 1
						continue
					}
				}
				// Lithuanian puts modifiers before the head: a capital after
				// a head noun is a place or the next name, not its name.
				if (nx.capital() || nx.acronym()) && lx.lang != "lt" {
					if m := d.chain(s, lx, i+n); m != nil && m.typ != graph.Person && (m.gaz == nil || m.gaz.typ == typ || typ == graph.Network) {
						if m.gaz == nil {
							// "posiedzenie Komisji … Związku Miast
							// Polskich": the body the event belongs to is
							// an entity too.
							if typ == graph.Event && (m.typ == graph.PublicBody || m.typ == graph.Organization) {
								inner := *m
								m.inner = &inner
								m.owner = nil
							}
							m.typ = typ
							m.name = s.span(m.i, m.j)
							if m.owner == nil {
								d.findOwner(s, lx, m, m.i+1)
								if m.owner != nil && m.owner.i > m.i && typ != graph.Event {
									// "programu Lokalne Partnerstwa | Polsko-Amerykańskiej
									// Fundacji Wolności": the name stops at its owner.
									m.name = s.span(m.i, m.owner.i)
								}
							}
							m.head = d.lemmaPhrase(lx, toks[i:i+n])
							a := d.adjectivesBefore(lx, toks, i, used)
							m.name = strings.TrimSpace(d.agree(lx, toks[a:i], m.head) + " " + m.head + " " + m.name)
							// "59. sesja Rady …", "LIX sesja …": the number
							// tells this session from the others.
							if b := eventNumberBefore(toks, a, used); typ == graph.Event && b < a {
								m.name = s.span(b, a) + " " + m.name
								a = b
							}
							m.i = a
						} else {
							m.i = i
						}
						m.surface = s.span(m.i, m.j)
						take(m)
						i = m.j - 1
						continue
					}
				}
			}
			continue
		}
		// "Міжнародного саміту", "Regionalne forum": an event named by a
		// capitalised adjective and its head noun.
		if i+1 < len(toks) && (adjective(lx.lang, t) || ordinalWord(t.fold)) && !toks[i+1].capital() {
			if typ, n := lx.headType(lx.heads, toks, i+1); n > 0 && typ == graph.Event && !(i+1+n < len(toks) && toks[i+1+n].capital()) {
				e := i + 1 + n
				for e < len(toks) && e < i+1+n+2 && toks[e].word() && !toks[e].capital() && adjective(lx.lang, toks[e]) {
					e++
				}
				m := &mention{i: i, j: e, typ: typ, surface: s.span(i, e)}
				m.name = m.surface
				m.head = strings.ToLower(d.lemmaPhrase(lx, toks[i+1:i+1+n]))
				// "Druga sesja plenarna" is another session than the
				// first; "Trzydniową konferencję" is the one conference.
				m.ordinal = ordinalWord(toks[i].fold)
				take(m)
				i = m.j - 1
				continue
			}
		}
		// A capitalised office of two words ("Konsul Honorowy", "Deputy
		// Mayor") is no name: the name starts after it.
		if n := d.roleWord(lx, toks, i); n > 1 && toks[i].capital() {
			i += n - 1
			continue
		}
		if m := d.chain(s, lx, i); m != nil {
			// "burmistrz Rovaniemi Ulla-Kirsikka Vainio": an untyped run
			// that ends in a person's name is a place, then the person.
			if p := d.splitPerson(s, lx, m); p != nil {
				take(m)
				take(p)
				i = p.j - 1
				continue
			}
			take(m)
			i = m.j - 1
		}
	}
	d.tailHeadMentions(s, lx, used, &out)
	d.regionMentions(s, lx, used, &out)
	d.anaphorMentions(s, lx, used, &out)
	sortMentions(out)
	// "the UBC office in Brussels", "the WHO country office": a known body
	// and a lower-case unit noun after it name a unit of that body.
	if lx.lang == "en" {
		for k, m := range out {
			if m.anaphor || m.gaz == nil || m.j >= len(toks) || (m.typ != graph.Network && m.typ != graph.PublicBody && m.typ != graph.Organization) {
				continue
			}
			if !unitNouns[toks[m.j].fold] || used[m.j] {
				continue
			}
			u := &mention{i: m.i, j: m.j + 1, typ: graph.PublicBody, owner: m}
			if m.typ == graph.Organization || m.typ == graph.Network {
				u.typ = graph.Organization
			}
			if m.j+2 < len(toks) && lx.loc[toks[m.j+1].fold] {
				if e, gn := d.x.gaz.match(toks, m.j+2, d.x.suf); e != nil && gn == 1 && e.typ == graph.City {
					u.tail = &mention{i: m.j + 2, j: m.j + 3, typ: graph.City, name: e.name, surface: toks[m.j+2].text, gaz: e}
					u.j = m.j + 3
					for q := range out {
						if out[q].i == m.j+2 {
							out[q] = &mention{i: -1, j: -1, anaphor: true} // absorbed; dropped below
						}
					}
				}
			}
			u.surface = s.span(u.i, u.j)
			u.name = u.surface
			used[m.j] = true
			out[k] = u
		}
	}
	if lx.lang == "lt" {
		d.genitiveUnits(s, lx, used, out)
	}
	if lx.lang == "en" {
		d.eventTitles(s, lx, used, out)
	}
	kept := out[:0]
	for _, m := range out {
		if m.i >= 0 {
			kept = append(kept, m)
		}
	}
	out = kept
	// An event name and its quoted title are one mention: "XXX Konferencja
	// Zdrowych Miast Polskich „Zdrowie mieszkańców…”", "Konferencja „…”".
	var merged []*mention
	for k := 0; k < len(out); k++ {
		m := out[k]
		if k+1 < len(out) && m.typ == graph.Event && !m.anaphor && out[k+1].quoted && out[k+1].i == m.j && out[k+1].gaz == nil {
			q := out[k+1]
			if m.j-m.i == 1 {
				m.alt = s.span(m.i, q.j)
				m.name, m.surface = q.name, q.surface
			} else {
				m.alt = q.surface
			}
			m.j = q.j
			k++
		}
		// "Baltic Climate Conference 2024", "General Assembly of ICORN
		// 2020": a year right after the name is part of it (a full date
		// "2021-05-12" or "2021.05.12" is not).
		if m.typ == graph.Event && !m.anaphor && m.j < len(toks) && yearToken(toks[m.j]) &&
			(m.j+1 >= len(toks) || toks[m.j+1].text != "-" && toks[m.j+1].text != "." && toks[m.j+1].text != "/" || m.j+2 >= len(toks) || toks[m.j+2].kind != tNum) {
			m.name += " " + toks[m.j].text
			m.j++
			m.surface = s.span(m.i, m.j)
		}
		merged = append(merged, m)
	}
	out = merged
	for _, m := range out {
		if m.j < len(toks) {
			m.next = toks[m.j].text
		}
		if m.i > 0 && toks[m.i-1].word() && !toks[m.i-1].capital() && (lx.loc[toks[m.i-1].fold] || d.x.lex["en"].loc[toks[m.i-1].fold]) {
			m.afterLoc = true
		}
	}
	return out
}

// acronymLike reports a mention written in capitals.
func (m *mention) acronymLike() bool {
	return strings.ToUpper(m.surface) == m.surface
}

// acronymNames reads the long name before an acronym in brackets when it
// holds lower-case words a capitalised run would miss: "Pasaulinė moterų
// federacija už taiką (WFWP)", "Асоціація міст України (АМУ)". The name
// starts at the farthest capitalised word (at most ten words back, no
// punctuation or trigger word between) from which it contains a head noun.
func (d *docState) acronymNames(s *sentence, lx *lexicon, used []bool, take func(*mention)) {
	toks := s.toks
	for q := 1; q+2 < len(toks); q++ {
		if toks[q].text != "(" || !toks[q+1].acronym() {
			continue
		}
		e := q + 2
		for e < len(toks) && e < q+4 && toks[e].acronym() {
			e++
		}
		if e >= len(toks) || toks[e].text != ")" {
			continue
		}
		start := -1
		for k := q - 1; k >= 0 && k >= q-10; k-- {
			t := toks[k]
			if !t.word() || used[k] || d.triggerWord(lx, t) {
				break
			}
			if t.capital() {
				start = k
			}
		}
		if start < 0 || start == q-1 {
			continue
		}
		lower := false
		for k := start; k < q; k++ {
			if !toks[k].capital() {
				lower = true
			}
		}
		if !lower {
			continue // a run of capitals: chain() reads it
		}
		// The name must hold a head noun; take the farthest start that does.
		var typ graph.EntityType
		for k := start; k < q && typ == ""; k++ {
			for _, l := range []*lexicon{lx, d.x.lex["en"]} {
				if t, n := l.headType(l.heads, toks, k); n > 0 && (t == graph.Organization || t == graph.PublicBody || t == graph.Network) {
					typ = t
				}
			}
		}
		if typ == "" {
			continue
		}
		// Later starts may be better when the run spans two names: prefer
		// a start right after a coordinator that still holds a head.
		m := &mention{i: start, j: q, typ: typ, surface: s.span(start, q)}
		m.name = m.surface
		if e, n := d.x.gaz.match(toks, start, d.x.suf); e != nil && start+n == q {
			m.gaz, m.typ, m.name = e, e.typ, e.name
		} else if e, n := d.x.gaz.match(toks, q+1, d.x.suf); e != nil && n == 1 {
			m.gaz, m.typ, m.name = e, e.typ, e.name
		}
		take(m)
	}
}

// triggerWord reports a word that starts a relation phrase of the
// language: it belongs to the clause, not to a name.
func (d *docState) triggerWord(lx *lexicon, t token) bool {
	for _, ri := range lx.rulesAt(t) {
		r := lx.rules[ri]
		if len(r.phrase) > 0 && r.phrase[0] != "," && matchWord(r.phrase[0], tokFold(t)) && utf8.RuneCountInString(r.phrase[0]) > 3 {
			return true
		}
	}
	return false
}

func sortMentions(ms []*mention) {
	for a := 1; a < len(ms); a++ {
		for b := a; b > 0 && ms[b].i < ms[b-1].i; b-- {
			ms[b], ms[b-1] = ms[b-1], ms[b]
		}
	}
}

// span returns the text of tokens [i, j) as written.
func (s *sentence) span(i, j int) string {
	if i >= j {
		return ""
	}
	return s.text[s.toks[i].bs:s.toks[j-1].be]
}

// quoted reads a quoted name starting at the quote mark toks[q].
func (d *docState) quoted(s *sentence, lx *lexicon, q int) *mention {
	toks := s.toks
	end := -1
	depth := 0
	for k := q + 1; k < len(toks) && k < q+30; k++ {
		// A straight quote glued to the next word and not to the previous
		// one opens an inner quote: "… над "зеленим" відновленням".
		if toks[q].text == "\"" && toks[k].text == "\"" && k+1 < len(toks) && toks[k].end == toks[k+1].start && toks[k-1].end < toks[k].start {
			depth++
			continue
		}
		if toks[k].punct() && isCloseQuote(toks[k].text) {
			if depth > 0 && toks[k].text == "\"" {
				depth--
				continue
			}
			end = k
			break
		}
		if toks[k].punct() && isOpenQuote(toks[k].text) && toks[k].text != toks[q].text {
			return nil
		}
	}
	if end <= q+1 {
		return nil
	}
	first := toks[q+1]
	if !first.capital() && !first.acronym() {
		return nil
	}
	inner := s.span(q+1, end)
	m := &mention{i: q, j: end + 1, surface: inner, name: inner, quoted: true}
	// A second title in another language after a slash: „A” / „B”.
	if end+2 < len(toks) && toks[end+1].text == "/" && toks[end+2].punct() && isOpenQuote(toks[end+2].text) {
		if m2 := d.quoted(s, lx, end+2); m2 != nil {
			m.j = m2.j
			m.alt = m2.surface
		}
	}
	if e, n := d.x.gaz.match(toks, q+1, d.x.suf); e != nil && q+1+n == end {
		m.gaz, m.typ, m.name = e, e.typ, e.name
		return m
	}
	if typ, n := lx.headType(lx.heads, toks, q+1); n > 0 {
		m.typ = typ
	}
	// A head noun right before the quote types the name.
	for k := q - 1; k >= 0 && k >= q-2; k-- {
		if typ, n := lx.headType(lx.heads, toks, k); n > 0 && k+n == q {
			m.typ = typ
			break
		}
	}
	return m
}

// chain reads the name that starts with the capitalised word toks[i]: the
// longest of a gazetteer name and a run of capitalised words joined by
// connectors.
func (d *docState) chain(s *sentence, lx *lexicon, i int) *mention {
	toks := s.toks
	// Offices and honorifics are not part of a name: "Ambasador Islandii",
	// "Pani Małgorzata Adamowicz".
	// A capitalised office that is also a body's head noun names the body
	// ("Уповноважений", "Rzecznik Praw Obywatelskich").
	if _, hn := lx.headType(lx.heads, toks, i); d.roleWord(lx, toks, i) > 0 && hn == 0 || lx.titles[toks[i].fold] {
		if i+1 < len(toks) && toks[i+1].text == "." {
			return nil
		}
		return nil
	}
	// "Miasto Kraków", "City of Gdynia": the city itself.
	if n := lx.cityWords.matchAt(toks, i); n > 0 && i+n < len(toks) && toks[i+n].capital() {
		if m := d.chain(s, lx, i+n); m != nil && (m.typ == "" && m.j-m.i == 1 && !toks[i].capital() || m.typ == graph.City) {
			m.i = i
			if m.typ == "" {
				m.typ, m.name = graph.City, d.guessPlace(lx, m.surface)
			}
			m.surface = s.span(i, m.j)
			return m
		}
	}
	gz, gn := d.x.gaz.match(toks, i, d.x.suf)
	if gz != nil && gz.acronym[tokFold(toks[i])] && gn == 1 && !toks[i].acronym() {
		gz, gn = nil, 0
	}
	// A case form the suffix rules miss, through the dictionary:
	// "Kanadzie" → "Kanada".
	if gz == nil && d.x.morph != nil && toks[i].capital() && !toks[i].acronym() {
		if gz = d.lemmaPlace(lx.lang, toks[i].text); gz != nil {
			gn = 1
		}
	}
	// At the start of a sentence a capital says nothing: a one-word known
	// name must be written exactly ("Vieni" is no form of "Viena").
	if gz != nil && i == 0 && gn == 1 && !d.exactName(gz, toks[0]) {
		gz, gn = nil, 0
	}
	j := i
	capitals := 0
	for j < len(toks) {
		t := toks[j]
		// A trigger word ("Partnerstadt", "Städtepartner") belongs to the
		// clause, even when capitalised; an honorific starts a new name.
		if j > i && t.word() && (d.triggerWord(lx, t) || lx.titles[t.fold] || d.x.lex["en"].titles[t.fold]) {
			break
		}
		// An office inside a run starts a new phrase: "w Olsztynie
		// Prezydent Olsztyna Piotr Grzymowicz".
		if j > i && t.word() && t.capital() && d.roleWord(lx, toks, j) > 0 {
			_, hn := lx.headType(lx.heads, toks, j)
			// …unless a known name runs through it: "Кабінету Міністрів
			// України".
			_, gn := d.x.gaz.match(toks, j-1, d.x.suf)
			if hn == 0 && gn < 2 {
				break
			}
		}
		// German capitalises every noun: a run goes on only into known
		// names, heads and persons' names.
		if j > i && lx.lang == "de" && t.word() && t.capital() && !t.acronym() && !d.germanNamePart(lx, toks, i, j) {
			break
		}
		if t.word() && (t.capital() || t.acronym()) && !d.isMonth(lx, t) {
			j++
			capitals++
			continue
		}
		// A particle inside a person's name: "Етьєном де Понсеном",
		// "Ursula von der Leyen", "Anne de Vries".
		if t.word() && !t.capital() && nameParticles[t.fold] && j > i && d.givenName(toks[j-1]) {
			k := j + 1
			for k < len(toks) && k <= j+2 && toks[k].word() && nameParticles[toks[k].fold] {
				k++
			}
			if k < len(toks) && toks[k].word() && toks[k].capital() && !toks[k].acronym() {
				j = k
				continue
			}
		}
		// An initial inside a name: "Kevin J. Allen".
		if t.punct() && t.text == "." && j > i && j+1 < len(toks) && len([]rune(toks[j-1].text)) == 1 && toks[j-1].capital() && toks[j+1].capital() {
			j++
			continue
		}
		// Hyphenated or slashed parts and numbers inside names stay.
		if t.kind == tNum && j > i && j+1 < len(toks) && toks[j+1].capital() {
			j++
			continue
		}
		if t.word() && lx.conn[t.fold] && j > i && j+2 < len(toks) && toks[j+1].text == "." && lx.abbrev[t.fold] && toks[j+2].capital() {
			j += 2
			continue
		}
		if t.word() && (lx.conn[t.fold] || d.x.lex["en"].conn[t.fold] && t.fold != "and" || t.fold == "from" && d.orgChain(d.x.lex["en"], toks, i, j)) && j > i {
			// A connector joins only when a capitalised word follows
			// within two words ("Rada Miasta Krakowa", "Ministerstwo
			// Spraw Zagranicznych", "Kongres Władz Lokalnych i Regionalnych").
			k := j + 1
			for k < len(toks) && k <= j+2 && toks[k].word() && lx.conn[toks[k].fold] && !toks[k].capital() {
				k++
			}
			if k < len(toks) && toks[k].word() && (toks[k].capital() || toks[k].acronym()) && !d.isMonth(lx, toks[k]) {
				// "i"/"and" between two complete names is a list, not a
				// connector: keep it only inside an organisation name.
				if d.isCoord(lx, t) && !d.orgChain(lx, toks, i, j) {
					break
				}
				// "X i Fundacja Y", "Rady Europy i Komisji Europejskiej":
				// a new head or a known name after the coordinator starts
				// a second name.
				if d.isCoord(lx, t) {
					if _, hn := lx.headType(lx.heads, toks, k); hn > 0 {
						break
					}
					if e, n := d.x.gaz.match(toks, k, d.x.suf); e != nil && n >= 1 {
						if ge, gn := d.x.gaz.match(toks, i, d.x.suf); ge != nil && i+gn == j {
							break
						}
					}
				}
				j = k
				continue
			}
			break
		}
		// Lower-case genitive words inside organisation names (uk, lt, pl):
		// "Міністерство закордонних справ України".
		if t.word() && !t.capital() && (d.orgChain(lx, toks, i, j) || d.headIn(lx, toks, j, j+3) || j == i+1 && adjective(lx.lang, toks[i]) && d.headIn(lx, toks, j, j+1)) && (lx.lang == "uk" || lx.lang == "lt") {
			k := j
			for k < len(toks) && k < j+3 && toks[k].word() && !toks[k].capital() && !d.isCoord(lx, toks[k]) && !stopWords[toks[k].fold] && !d.triggerWord(lx, toks[k]) && d.roleWord(lx, toks, k) == 0 {
				k++
			}
			// "Фондом розвитку громад", "Литовською асоціацією знесення":
			// an organisation's name may end in lower-case genitives when
			// a boundary (punctuation, coordinator) follows.
			if k > j && lx.lang == "uk" && (k == len(toks) || toks[k].punct() || d.isCoord(lx, toks[k])) && (d.orgChain(lx, toks, i, j) || d.headIn(lx, toks, j, k)) && k-j <= 3 {
				allGen := true
				for q := j; q < k; q++ {
					if lx.conn[toks[q].fold] || !ukGenitive(toks[q].text) {
						allGen = false
					}
				}
				if allGen {
					j = k
					break
				}
			}
			// A name that ends in a tail head ("Ādaži savivaldybę") ends
			// there: a capital after it is a place ("Latvijoje").
			tail := false
			for q := j; q < k; q++ {
				if _, tn := lx.headType(lx.tailHeads, toks, q); tn > 0 {
					tail = true
				}
			}
			if !tail && k > j && k < len(toks) && toks[k].word() && toks[k].capital() && !d.isMonth(lx, toks[k]) {
				j = k
				continue
			}
		}
		break
	}
	// A lone capitalised word at the start of a sentence is an ordinary
	// word unless something says it is a name.
	if capitals == 1 && j == i+1 && i == 0 && gz == nil && !toks[i].acronym() {
		if _, n := lx.headType(lx.heads, toks, i); n == 0 && d.x.firstNames[toks[i].fold] == "" && !d.knownName(toks[i]) {
			// Kept untyped: only a strong cue ("… besiegelt
			// Partnerschaft mit der Stadt X") can make it a name.
			if d.functionWord(lx, toks[i]) || d.triggerWord(lx, toks[i]) || lx.lang != "de" {
				return nil
			}
		}
	}
	// Sentence-initial function word before a name: "W Warszawie", "The
	// Council" → drop it; so too an unknown word before a head noun
	// ("Penktadienį Savivaldybės vadovai").
	if i == 0 && j > i+1 && d.functionWord(lx, toks[i]) {
		return d.chain(s, lx, i+1)
	}
	// "Representatives of UBC …": an unknown sentence-initial word and its
	// connector are no part of the name after them.
	if i == 0 && j > i+2 && gz == nil && d.x.firstNames[toks[0].fold] == "" && !toks[0].acronym() && toks[1].word() && !toks[1].capital() && (lx.conn[toks[1].fold] || d.x.lex["en"].conn[toks[1].fold]) {
		if _, h0 := lx.headType(lx.heads, toks, 0); h0 == 0 {
			if _, h0en := d.x.lex["en"].headType(d.x.lex["en"].heads, toks, 0); h0en == 0 {
				return d.chain(s, lx, 2)
			}
		}
	}
	if i == 0 && j > i+1 && gz == nil && d.x.firstNames[toks[0].fold] == "" && !adjective(lx.lang, toks[0]) && !ordinal(toks[0]) {
		if _, h0 := lx.headType(lx.heads, toks, 0); h0 == 0 {
			if _, h1 := lx.headType(lx.heads, toks, 1); h1 > 0 || j == 2 && d.isSurname(toks[1].fold) {
				return d.chain(s, lx, 1)
			}
		}
	}
	// A given name inside the run starts a person: "Kultury Roberta
	// Piaskowskiego" → "Kultury" and the person.
	for k := i + 1; k < j-1; k++ {
		if d.givenName(toks[k]) && j-k <= 3 && toks[k+1].capital() && (toks[k-1].capital() || toks[k-1].word() && lx.conn[toks[k-1].fold]) && d.x.firstNames[toks[k-1].fold] == "" {
			// Bodies may carry a patron's name ("Fundacja Stefana
			// Batorego"), but not after a place: "… України Олександром".
			_, gn := d.x.gaz.match(toks, i, d.x.suf)
			if _, hn := lx.headType(lx.heads, toks, i); hn == 0 || d.knownName(toks[k-1]) || gn == k-i {
				j = k
				break
			}
		}
	}
	// "Anna Berg of Tartu": a person's name ends before a connector.
	if d.givenName(toks[i]) && j-i > 2 {
		for q := i + 1; q < j; q++ {
			if toks[q].word() && !toks[q].capital() {
				if q-i >= 2 {
					j = q
				}
				break
			}
		}
	}
	// An acronym closing a run that spells a known name's initials is
	// that name: "zespołu Dialogu Międzykulturowego WCRS".
	if j-i > 1 && toks[j-1].acronym() && d.byInitials(toks[j-1].text) != nil {
		j--
	}
	// A lone word that opens a trigger phrase is no name ("Меморандум про
	// співпрацю з").
	if j == i+1 && gz == nil && d.triggerWord(lx, toks[i]) && !toks[i].acronym() {
		return nil
	}
	// A lone anaphor noun is left to anaphorMentions ("Sieć", "the Union").
	if j == i+1 && gz == nil {
		if _, n := lx.headType(lx.anaphors, toks, i); n == 1 {
			return nil
		}
		if i == 0 {
			// nothing before
		} else if _, n := lx.headType(lx.anaphors, toks, i-1); n == 2 {
			return nil
		}
	}
	// "Program Aktywni Obywatele – Fundusz Regionalny": a dash between a
	// headed name and a second headed part joins them.
	if j+2 < len(toks) && (toks[j].text == "–" || toks[j].text == "-" || toks[j].text == "—") && toks[j+1].capital() {
		if _, hn := lx.headType(lx.heads, toks, i); hn > 0 {
			if typ, n := lx.headType(lx.heads, toks, j+1); n > 0 && (typ == graph.Organization || typ == graph.Project || typ == graph.Network) {
				k := j + 1 + n
				for k < len(toks) && toks[k].word() && toks[k].capital() {
					k++
				}
				j = k
			}
		}
	}
	// "… z Rumunii", "… from Moldova": the country says where the body is
	// from, it is not part of the name.
	if j-i >= 3 && toks[j-2].word() && !toks[j-2].capital() && lx.from[toks[j-2].fold] && toks[j-2].fold != "from" {
		if e, n := d.x.gaz.match(toks, j-1, d.x.suf); e != nil && n == 1 && e.typ == graph.Country {
			j -= 2
		}
	}
	// Trim trailing connectors.
	for j > i && toks[j-1].word() && lx.conn[toks[j-1].fold] && !toks[j-1].capital() {
		j--
	}
	if gz != nil && gn >= j-i {
		return &mention{i: i, j: i + gn, typ: gz.typ, name: gz.name, surface: s.span(i, i+gn), gaz: gz}
	}
	if j == i {
		return nil
	}
	m := &mention{i: i, j: j, surface: s.span(i, j)}
	d.typeChain(s, lx, m)
	if m.typ == "" && gz != nil && (gz.typ != graph.City || j-i > gn+1 || d.knownName(toks[j-1])) {
		// The run is longer than the known name but says nothing more
		// about its type: keep the known name alone. A city name and one
		// more word ("Rennes Métropole") is a body of its own.
		return &mention{i: i, j: i + gn, typ: gz.typ, name: gz.name, surface: s.span(i, i+gn), gaz: gz}
	}
	return m
}

// germanNamePart reports whether the capitalised toks[j] continues the
// German name started at toks[i]: after a head noun ("Stadt Potsdam"), inside
// a known name, or a person's surname after a given name.
func (d *docState) germanNamePart(lx *lexicon, toks []token, i, j int) bool {
	if e, n := d.x.gaz.match(toks, i, d.x.suf); e != nil && i+n > j {
		return true
	}
	if _, n := lx.headType(lx.heads, toks, i); n > 0 && i+n == j {
		return true
	}
	if d.x.firstNames[toks[j-1].fold] != "" {
		return true
	}
	return j > i && toks[j-1].word() && !toks[j-1].capital() // after a connector: "Rat der Gemeinden"
}

var englishAux = map[string]bool{"is": true, "was": true, "were": true, "are": true, "has": true, "have": true,
	"had": true, "will": true, "took": true, "takes": true, "met": true, "signed": true, "gathered": true}

// ofPhrase walks an English noun phrase of lower-case words, adjectives
// and "of (the)" links from k and returns where its closing proper name
// starts ("representatives of the Lithuanian member cities of the Union of
// the Baltic Cities" → at "Union"), or -1.
func (d *docState) ofPhrase(lx *lexicon, toks []token, k int) int {
	last := -1
	for q := k; q < len(toks) && q < k+20; q++ {
		t := toks[q]
		// The phrase ends at its verb: "took place", "was held", "joined".
		verb := lx.happen.matchAt(toks, q) > 0 || strings.HasSuffix(t.fold, "ed") && !t.capital() || englishAux[t.fold]
		if !t.word() || verb || d.isCoord(lx, t) {
			break
		}
		if t.capital() {
			// A name after "of" or "of the" may close the phrase; an
			// adjective ("Lithuanian") just goes on.
			if toks[q-1].fold == "of" || toks[q-1].fold == "the" && toks[q-2].fold == "of" {
				last = q
			}
			continue
		}
		if t.fold == "of" && last >= 0 && q+1 < len(toks) && !toks[q+1].capital() && toks[q+1].fold != "the" {
			break
		}
	}
	return last
}

// roleWord returns how many tokens an office noun at toks[i] covers.
func (d *docState) roleWord(lx *lexicon, toks []token, i int) int {
	n := 0
	for p, ws := range lx.roles {
		if k := ws.matchIdx(lx.roleIdx[p], toks, i); k > n {
			n = k
		}
	}
	return n
}

// lemmaPlace is the known town or country one of the dictionary's base
// forms of w names exactly, nil when none; a document asks for the same
// word often, so the answer is kept.
func (d *docState) lemmaPlace(lang, w string) *gazEntry {
	key := lang + "\x00" + w
	if e, ok := d.lemmaGaz[key]; ok {
		return e
	}
	var hit *gazEntry
	for _, l := range d.x.morph.Lemmas(lang, w) {
		if e := d.x.gaz.lookup(l, d.x.suf); e != nil && (e.typ == graph.City || e.typ == graph.Country) && d.exactName(e, token{fold: graph.Fold(l)}) {
			hit = e
			break
		}
	}
	if d.lemmaGaz == nil {
		d.lemmaGaz = map[string]*gazEntry{}
	}
	d.lemmaGaz[key] = hit
	return hit
}

func (d *docState) exactName(e *gazEntry, t token) bool {
	for _, n := range e.folded {
		if n == t.fold {
			return true
		}
	}
	return false
}

// givenName reports a known given name, or a hyphenated one whose parts
// are capitalised and one of them known ("Ulla-Kirsikka", "Per-Ola").
func (d *docState) givenName(t token) bool {
	if d.x.firstNames[t.fold] != "" {
		return true
	}
	if !strings.Contains(t.text, "-") {
		return false
	}
	for _, p := range strings.Split(t.text, "-") {
		if d.x.firstNames[graph.Fold(p)] != "" {
			return true
		}
	}
	return false
}

// isSurname reports the surname of a person already met in the document.
func (d *docState) isSurname(f string) bool {
	for _, e := range d.list {
		if e.typ == graph.Person && (e.surname == f || inflected(f, e.surname, d.x.suf, true)) {
			return true
		}
	}
	return false
}

// exactKnown reports a word that is a known name as written.
func (d *docState) exactKnown(t token) bool {
	e, n := d.x.gaz.match([]token{t}, 0, d.x.suf)
	return e != nil && n == 1 && d.exactName(e, t)
}

func (d *docState) knownName(t token) bool {
	e, n := d.x.gaz.match([]token{t}, 0, d.x.suf)
	return e != nil && n == 1
}

func (d *docState) isMonth(lx *lexicon, t token) bool {
	// Month names are capitalised only in English and German.
	if lx.lang != "en" && lx.lang != "de" && t.capital() {
		return false
	}
	for _, ws := range lx.months {
		for _, p := range ws {
			if len(p) == 1 && matchWord(p[0], t.fold) && len(t.fold) >= 3 {
				return true
			}
		}
	}
	return false
}

// isMonthAny reports a month name, capitalised or not.
func (d *docState) isMonthAny(lx *lexicon, t token) bool {
	if !t.word() || len(t.fold) < 3 {
		return false
	}
	for _, ws := range lx.months {
		for _, p := range ws {
			if len(p) == 1 && matchWord(p[0], t.fold) {
				return true
			}
		}
	}
	return false
}

func (d *docState) isCoord(lx *lexicon, t token) bool {
	for _, p := range lx.coord {
		if len(p) == 1 && p[0] == t.fold {
			return true
		}
	}
	return false
}

// functionWord reports a preposition, article or conjunction.
func (d *docState) functionWord(lx *lexicon, t token) bool {
	f := t.fold
	return lx.conn[f] || lx.loc[f] || lx.from[f] || d.isCoord(lx, t) || stopWords[f]
}

// stopWords are capitalised sentence starters that never begin a name.
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "this": true, "during": true,
	"w": true, "we": true, "na": true, "podczas": true, "do": true, "od": true, "po": true, "dla": true, "to": true,
	"die": true, "der": true, "das": true, "im": true, "am": true, "bei": true, "mit": true,
	"у": true, "в": true, "на": true, "під": true, "за": true, "до": true, "також": true, "так": true,
	"per": true, "kartu": true, "apie": true, "nuo": true, "iki": true, "tarp": true,
}

// orgChain reports whether the run toks[i:j] starts (or ends) with an
// organisation or public body head noun.
func (d *docState) orgChain(lx *lexicon, toks []token, i, j int) bool {
	typ, n := lx.headType(lx.heads, toks, i)
	return n > 0 && n <= j-i && (typ == graph.Organization || typ == graph.PublicBody || typ == graph.Network || typ == graph.Event && lx.lang != "pl")
}

// ukGenitive reports a Ukrainian noun or adjective in the genitive:
// "розвитку", "громад", "відходів", "знесення".
func ukGenitive(w string) bool {
	w = strings.ToLower(w)
	for _, e := range []string{"у", "ю", "а", "я", "ів", "їв", "ей", "ад", "ств", "ння", "ття", "ого", "их", "ої", "ії", "ей"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// headIn reports an organisation head noun among toks[a:b].
func (d *docState) headIn(lx *lexicon, toks []token, a, b int) bool {
	for k := a; k < b && k < len(toks); k++ {
		if !toks[k].word() || toks[k].capital() {
			return false
		}
		if t, n := lx.headType(lx.heads, toks, k); n > 0 && (t == graph.Organization || t == graph.PublicBody || t == graph.Network) {
			return true
		}
	}
	return false
}

// typeChain types a run of capitalised words and gives it a nominative name.
func (d *docState) typeChain(s *sentence, lx *lexicon, m *mention) {
	toks := s.toks[m.i:m.j]
	m.name = m.surface
	// Head noun first (Polish, Ukrainian, Lithuanian, "Council of Europe"),
	// possibly after adjectives ("Miejska Biblioteka Publiczna",
	// "Wrocławskie Centrum Rozwoju Społecznego").
	hl := lx
	if _, n := lx.headType(lx.heads, toks, 0); n == 0 && len(toks) > 2 && (toks[1].fold == "of" || toks[1].fold == "for") {
		hl = d.x.lex["en"] // an English name inside another language: "Association of Communes of Romania"
	}
	for h := 0; h < len(toks) && h <= 2; h++ {
		if h > 0 && !adjective(lx.lang, toks[h-1]) && !ordinal(toks[h-1]) {
			break
		}
		if typ, n := hl.headType(hl.heads, toks, h); n > 0 && (h+n < len(toks) || len(toks) == 1 && (typ == graph.Event || typ == graph.PublicBody && m.i > 0) || h > 0) {
			// "Netzwerk Eurocities", "Programm Erasmus+": a head noun
			// before a known name of its kind is that name.
			// (A genitive after another head is a unit of the body, not
			// the body: "Секретаріат Кабінету Міністрів України".)
			if h == 0 && n < len(toks) && (typ == graph.Network || lx.lang == "de" || lx.lang == "en") {
				if e, gn := d.x.gaz.match(s.toks, m.i+n, d.x.suf); e != nil && m.i+n+gn == m.j && (e.typ == typ || typ == graph.Network && e.typ == graph.Project) {
					m.gaz, m.typ, m.name = e, e.typ, e.name
					return
				}
			}
			m.typ = typ
			m.head = strings.ToLower(d.lemmaPhrase(lx, toks[h:h+n]))
			m.name = strings.TrimSpace(d.lemmaPhrase(lx, toks[:h+n]) + restOf(s, m, h+n))
			m.short = len(toks) == 1 && typ == graph.PublicBody
			d.placeTail(s, lx, m)
			d.findOwner(s, lx, m, m.i+h+n)
			return
		}
	}
	// English and German names put the head after modifiers, possibly
	// before a place: "WHO Country Office in Warsaw".
	if lx.lang == "en" || lx.lang == "de" {
		for h := len(toks) - 2; h > 0; h-- {
			if !toks[h+1].word() || toks[h+1].capital() || !lx.loc[toks[h+1].fold] {
				continue
			}
			if typ, n := lx.headType(lx.heads, toks, h); n == 1 && (typ == graph.PublicBody || typ == graph.Organization) {
				m.typ = typ
				m.name = m.surface
				m.head = strings.ToLower(toks[h].text)
				d.placeTail(s, lx, m)
				if e, gn := d.x.gaz.match(s.toks, m.i, d.x.suf); e != nil && gn < h && e.typ != graph.City && e.typ != graph.Country {
					m.owner = &mention{i: m.i, j: m.i + gn, typ: e.typ, name: e.name, surface: s.span(m.i, m.i+gn), gaz: e}
				}
				return
			}
		}
	}
	// Head noun last ("Homo Faber Association", "Femcities Network",
	// "Šakių rajono savivaldybė").
	for _, l := range []*lexicon{lx, d.x.lex["en"]} {
		last := len(toks) - 1
		if typ, n := l.headType(l.heads, toks, last); n == 1 && last > 0 {
			m.typ = typ
			m.name = strings.TrimSpace(s.span(m.i, m.j-1) + " " + d.lemmaPhrase(l, toks[last:]))
			// "UBC Executive Board": a unit of the known body it starts
			// with.
			if e, gn := d.x.gaz.match(s.toks, m.i, d.x.suf); e != nil && gn < last && (e.typ == graph.Network || e.typ == graph.PublicBody || e.typ == graph.Organization) && (typ == graph.PublicBody || typ == graph.Organization) {
				m.owner = &mention{i: m.i, j: m.i + gn, typ: e.typ, name: e.name, surface: s.span(m.i, m.i+gn), gaz: e}
			}
			return
		}
	}
	// An initial and a surname ("A. Černeckis") is a person.
	if len(toks) == 3 && len([]rune(toks[0].text)) == 1 && toks[0].capital() && toks[1].text == "." && toks[2].capital() {
		m.typ = graph.Person
		m.name = m.surface
		return
	}
	// Person: a given name followed by one or two capitalised words, or an
	// initial and a surname.
	if p := d.personName(s, lx, m.i, m.j); p != "" {
		m.typ = graph.Person
		m.name = p
		return
	}
	if len(toks) == 1 && toks[0].acronym() {
		if e := d.acronyms[toks[0].fold]; e != nil {
			m.typ = e.typ
			m.ent = e
			m.name = e.name
		}
		return
	}
	// A name made of a known place and more words ("Rennes Métropole") or
	// a bare unknown capitalised word keeps no type; context may give one.
	d.placeTail(s, lx, m)
}

// unitNouns are English nouns for a unit of a body: "the UBC office".
var unitNouns = map[string]bool{"office": true, "secretariat": true, "bureau": true, "branch": true,
	"department": true, "unit": true, "commission": true, "committee": true, "delegation": true}

// ordinalWord reports ordinal adjectives: "druga", "second", "друга".
func ordinalWord(f string) bool {
	for _, p := range ordinalStems {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// ordinalStems are folded stems of ordinal adjectives.
var ordinalStems = foldAll("pierwsz", "drug", "trzec", "czwart", "piat", "first", "second", "third", "fourth", "fifth",
	"перш", "друг", "трет", "четверт", "pirm", "antr", "treci", "ketvirt", "erst", "zweit", "dritt", "viert")

func foldAll(ws ...string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = graph.Fold(w)
	}
	return out
}

// ordinal reports a Roman numeral or an ordinal number ("XXX", "25th").
func ordinal(t token) bool {
	if t.kind == tNum {
		return true
	}
	if !t.word() {
		return false
	}
	for _, r := range t.text {
		if !strings.ContainsRune("IVXLCDM", r) {
			return false
		}
	}
	return true
}

// adjective reports a word with an adjective ending of the language.
func adjective(lang string, t token) bool {
	if t.kind == tNum && lang == "en" {
		s := strings.ToLower(t.text)
		return strings.HasSuffix(s, "th") || strings.HasSuffix(s, "st") || strings.HasSuffix(s, "nd") || strings.HasSuffix(s, "rd")
	}
	if !t.word() {
		return false
	}
	f := t.fold
	if determiners[f] || strings.HasPrefix(f, "ktor") || strings.HasPrefix(f, "kotr") {
		return false
	}
	// Endings compare unfolded: "ą" is not "a" ("otwierająca", not
	// "odbywa").
	w := strings.ToLower(t.text)
	for _, e := range adjEndings[lang] {
		if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
			return true
		}
	}
	return false
}

// adjEndings are the folded adjective endings of each language.
var adjEndings = func() map[string][]string {
	m := map[string][]string{}
	for _, lang := range []string{"pl", "uk", "lt", "en"} {
		m[lang] = rawAdjEndings(lang)
	}
	return m
}()

func rawAdjEndings(lang string) []string {
	var ends []string
	switch lang {
	case "pl":
		ends = []string{"ski", "ska", "skie", "skiej", "skiego", "skim", "cki", "cka", "ckie", "ckiej", "ckiego", "owy", "owa", "owe", "owej", "owego", "ny", "na", "ne", "nej", "nego", "nym", "ni", "czy", "cza", "cze", "czej", "czego", "owy", "owa", "owe", "arte", "ęte", "yte", "ym", "im", "ego", "emu", "ej", "ych", "ą", "ący", "ąca", "ące", "ącej", "ącego", "ącym"}
	case "uk":
		ends = []string{"ська", "ський", "ське", "ської", "ського", "цька", "цький", "цьке", "на", "ний", "не", "ної", "ного", "ова", "овий", "ове", "ої", "ого", "ій", "ий", "а", "е", "ка", "ки", "ному", "ній", "ною"}
	case "en":
		ends = []string{"al", "ual", "ic", "ary", "ive", "ern", "ish", "ean", "first", "second", "third", "th", "nd", "rd", "st"}
	case "lt":
		ends = []string{"inis", "inė", "inio", "inės", "ojo", "osios", "ioji", "asis", "oji", "ųjų", "ių", "ų"}
	}
	return ends
}

// determiners look like adjectives but make no name: "w tym samym panelu".
var determiners = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`tym tego tej tych temu ta ten te to sam sama samo samym samego samej samych
		swoim swojej swoich swego swej naszym naszej naszych naszego waszym jednym jednego jednej innym innego innej
		kazdym kazdego kazdej wszystkich wszystkim calym calego calej ktorym ktorego ktorej tamtym owym
		цей ця це цього цієї цьому тому тій тих той та те самому самій самого самої кожному кожній іншому іншій
		tame toje tos tuo tas ta tie tos savo kiekvienoje kitame kitoje
		obecny obecna obecne obecni obecnych
		dotyczacy dotyczaca dotyczace dotyczacej dotyczacego dotyczacym dotyczacych poswiecony poswiecona poswiecone poswieconej poswieconego`) {
		m[w] = true
	}
	return m
}()

// yearToken: four digits from 1900 to 2099.
func yearToken(t token) bool {
	if t.kind != tNum || len(t.text) != 4 {
		return false
	}
	y, err := strconv.Atoi(t.text)
	return err == nil && y >= 1900 && y < 2100
}

// eventNumberBefore returns where a number counting an event begins right
// before toks[a]: a Roman numeral ("LIX") or a number with the dot of a
// Polish, Lithuanian or German ordinal ("59."); a when there is none.
func eventNumberBefore(toks []token, a int, used []bool) int {
	if a > 0 && !used[a-1] && toks[a-1].word() && len(toks[a-1].text) >= 2 && romanValue(toks[a-1].text) > 0 {
		return a - 1
	}
	if a > 1 && !used[a-2] && toks[a-1].text == "." && toks[a-2].kind == tNum && len(toks[a-2].text) <= 3 {
		return a - 2
	}
	return a
}

// adjectivesBefore returns where lower-case adjectives (and ordinals)
// right before toks[i] begin: "pierwszym spotkaniu", "walnego zgromadzenia".
func (d *docState) adjectivesBefore(lx *lexicon, toks []token, i int, used []bool) int {
	a := i
	for a > 0 && a > i-3 && !used[a-1] && (toks[a-1].word() || toks[a-1].kind == tNum) && !toks[a-1].capital() && adjective(lx.lang, toks[a-1]) {
		a--
	}
	return a
}

// agree puts Polish adjectives into the nominative of the head's gender:
// "pierwszym" + "spotkanie" → "pierwsze", "walnego" + "zgromadzenie" →
// "walne". Other languages keep the adjectives as written.
func (d *docState) agree(lx *lexicon, adjs []token, head string) string {
	var out []string
	for _, t := range adjs {
		w := t.text
		if lx.lang == "pl" {
			stem := w
			for _, e := range []string{"ego", "emu", "ymi", "imi", "ych", "ich", "ym", "im", "ej", "ą", "ę", "e", "a", "y", "i"} {
				if strings.HasSuffix(stem, e) && len([]rune(stem)) > len([]rune(e))+3 {
					stem = strings.TrimSuffix(stem, e)
					break
				}
			}
			soft := strings.HasSuffix(stem, "k") || strings.HasSuffix(stem, "g")
			switch {
			case strings.HasSuffix(head, "e") || strings.HasSuffix(head, "o") || strings.HasSuffix(head, "um"):
				if soft {
					w = stem + "ie"
				} else {
					w = stem + "e"
				}
			case strings.HasSuffix(head, "a"):
				w = stem + "a"
			default:
				if soft {
					w = stem + "i"
				} else {
					w = stem + "y"
				}
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// findOwner marks the body a name ends with in the genitive: "Komisja Praw
// Człowieka … Związku Miast Polskich", "Секретаріат Уповноваженого",
// "Дипломатична академія при МЗС України", "Rada Miasta Krakowa".
func (d *docState) findOwner(s *sentence, lx *lexicon, m *mention, from int) {
	if m.tail != nil || m.typ == graph.Person {
		return
	}
	toks := s.toks
	for p := from; p < m.j; p++ {
		if !toks[p].capital() && !toks[p].acronym() {
			continue
		}
		if p > m.i && toks[p-1].word() && lx.loc[toks[p-1].fold] && !toks[p-1].capital() {
			return // "… w Urzędzie Miasta": a place, not an owner
		}
		if e, n := d.x.gaz.match(toks, p, d.x.suf); e != nil && p+n == m.j && e.typ != graph.Country {
			m.owner = &mention{i: p, j: m.j, typ: e.typ, name: e.name, surface: s.span(p, m.j), gaz: e}
			return
		}
		// A unit noun's genitive is a known body whose name runs on past
		// the capitals: "Секретаріат Уповноваженого … України | з прав
		// людини". The unit's name takes the body's whole name.
		if e, n := d.x.gaz.match(toks, p, d.x.suf); e != nil && p+n > m.j && bodyType(e.typ) && unitHead(lx, toks, m.i, p) {
			m.name = strings.TrimSpace(m.name + " " + s.span(m.j, p+n))
			m.j = p + n
			m.surface = s.span(m.i, m.j)
			m.owner = &mention{i: p, j: m.j, typ: e.typ, name: e.name, surface: s.span(p, m.j), gaz: e}
			return
		}
		if typ, n := lx.headType(lx.heads, toks, p); n > 0 && p+n <= m.j && (typ == graph.Organization || typ == graph.PublicBody || typ == graph.Network) {
			om := &mention{i: p, j: m.j, typ: typ, surface: s.span(p, m.j)}
			om.name = strings.TrimSpace(d.lemmaPhrase(lx, toks[p:p+n]) + restOf(s, om, n))
			m.owner = om
			return
		}
		if n := lx.cityWords.matchAt(toks, p); n > 0 && p+n+1 == m.j {
			om := &mention{i: p + n, j: m.j, typ: graph.City, surface: toks[p+n].text}
			if e, k := d.x.gaz.match(toks, p+n, d.x.suf); e != nil && k == 1 {
				om.gaz, om.typ, om.name = e, e.typ, e.name
			} else {
				om.name = d.guessPlace(lx, om.surface)
			}
			m.owner = om
			return
		}
	}
}

// restOf returns the tokens after the first n of a mention as written.
func restOf(s *sentence, m *mention, n int) string {
	if m.i+n >= m.j {
		return ""
	}
	return " " + s.span(m.i+n, m.j)
}

// placeTail marks "… w Chrzanowie", "… in Gdynia" at the end of an
// organisation name as a nested place mention.
func (d *docState) placeTail(s *sentence, lx *lexicon, m *mention) {
	if m.typ != graph.Organization && m.typ != graph.PublicBody {
		return
	}
	for k := m.j - 2; k > m.i; k-- {
		t := s.toks[k]
		from := t.word() && (lx.from[t.fold] || t.fold == "from") && !t.capital()
		if !t.word() || !lx.loc[t.fold] && !from || t.capital() {
			continue
		}
		if k+2 != m.j {
			return
		}
		place := s.toks[k+1]
		pm := &mention{i: k + 1, j: m.j, surface: place.text, name: place.text, typ: graph.City}
		if e, n := d.x.gaz.match(s.toks, k+1, d.x.suf); e != nil && n == 1 {
			pm.gaz, pm.typ, pm.name = e, e.typ, e.name
		} else {
			pm.name = d.guessPlace(lx, place.text)
		}
		if pm.typ == graph.Country || pm.typ == graph.City && !from {
			m.tail = pm
		}
		return
	}
}

// guessPlace turns a locative place name into its nominative by the
// regular endings of the language (Chrzanowie → Chrzanów, Lublinie →
// Lublin). Morphology, when loaded, wins.
func (d *docState) guessPlace(lx *lexicon, w string) string {
	if d.x.morph != nil {
		if ls := d.x.morph.Lemmas(lx.lang, w); len(ls) > 0 {
			return ls[0]
		}
		if gs := d.x.morph.Guess(lx.lang, w); len(gs) > 0 {
			return gs[0]
		}
	}
	if lx.lang == "pl" {
		for _, r := range [][2]string{{"owie", "ów"}, {"ewie", "ew"}, {"cach", "ce"}, {"kach", "ki"}, {"ie", ""}, {"iu", ""}, {"u", ""}} {
			if strings.HasSuffix(w, r[0]) && len([]rune(w)) > len([]rune(r[0]))+3 {
				return strings.TrimSuffix(w, r[0]) + r[1]
			}
		}
	}
	return w
}

// lemmaPhrase gives the dictionary form of head words ("Stowarzyszenia" →
// "Stowarzyszenie"), keeping the capitalisation of the first letter.
func (d *docState) lemmaPhrase(lx *lexicon, toks []token) string {
	var parts []string
	for _, t := range toks {
		w := t.text
		if b, ok := lx.lemmas[t.fold]; ok {
			w = b
		} else if d.x.morph != nil && d.x.morph.Known(lx.lang, t.text) {
			if l := d.x.morph.Lemma(lx.lang, t.text); l != "" {
				w = l
			}
		}
		if t.capital() {
			rs := []rune(w)
			rs[0] = unicode.ToUpper(rs[0])
			w = string(rs)
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// personName recognises a person in toks[i:j] and returns the name in the
// nominative, or "".
func (d *docState) personName(s *sentence, lx *lexicon, i, j int) string {
	toks := s.toks
	n := j - i
	particles := 0
	for k := i + 1; k < j-1; k++ {
		if toks[k].word() && !toks[k].capital() && nameParticles[toks[k].fold] {
			particles++
		}
	}
	if n-particles < 2 || n-particles > 4 {
		return ""
	}
	for k := i; k < j; k++ {
		if toks[k].text == "." && k > i && len([]rune(toks[k-1].text)) == 1 {
			continue
		}
		if k > i && k < j-1 && toks[k].word() && !toks[k].capital() && nameParticles[toks[k].fold] {
			continue
		}
		if !toks[k].word() || !toks[k].capital() || toks[k].acronym() && len([]rune(toks[k].text)) > 2 {
			return ""
		}
		if _, hn := lx.headType(lx.heads, toks, k); hn > 0 {
			return ""
		}
	}
	first := toks[i]
	given := d.x.firstNames[first.fold]
	if given == "" {
		// "Per-Ola", "Marie-Louise": try the parts.
		if strings.Contains(first.text, "-") {
			parts := strings.Split(first.text, "-")
			if d.x.firstNames[graph.Fold(parts[0])] != "" {
				given = first.text
			}
		}
	}
	if given == "" {
		return ""
	}
	if n == 2 && d.exactKnown(toks[j-1]) {
		return "" // "Frankfurt Gdynia"-like runs of places
	}
	var parts []string
	parts = append(parts, given)
	for k := i + 1; k < j; k++ {
		w := toks[k].text
		if toks[k].punct() {
			parts[len(parts)-1] += w
			continue
		}
		if g := d.x.firstNames[toks[k].fold]; g != "" && k < j-1 {
			parts = append(parts, g)
			continue
		}
		if k == j-1 {
			w = surnameBase(w, given, first.text)
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// tailHeadMentions finds names that end in a lower-case head noun:
// "Херсонська міська рада", "Šakių rajono savivaldybė".
func (d *docState) tailHeadMentions(s *sentence, lx *lexicon, used []bool, out *[]*mention) {
	toks := s.toks
	for h := 1; h < len(toks); h++ {
		if used[h] || !toks[h].word() || toks[h].capital() {
			continue
		}
		typ, n := lx.headType(lx.tailHeads, toks, h)
		if n == 0 {
			continue
		}
		// An event of a body: "59-ojoje Jungtinių Tautų Žmogaus teisių
		// tarybos sesijoje" — the body's name in the genitive, an ordinal
		// before it.
		if typ == graph.Event && used[h-1] {
			var body *mention
			bi := -1
			for k, m := range *out {
				// Lithuanian: only a genitive governs the event
				// ("asociacijos renginys"), not a dative ("asociacijai").
				if m.j == h && !m.anaphor && !(lx.lang == "lt" && ltDative(toks[h-1].fold)) {
					body, bi = m, k
				}
			}
			if body != nil {
				a := body.i
				if a >= 3 && toks[a-1].word() && !toks[a-1].capital() && toks[a-2].text == "-" && toks[a-3].kind == tNum {
					a -= 3
				} else if a >= 1 && toks[a-1].kind == tNum {
					a--
				} else {
					// Or adjectives that tell this event from the body's
					// others: "neeilinis … tarybos posėdis".
					a = d.adjectivesBefore(lx, toks, a, used)
				}
				m := &mention{i: a, j: h + n, typ: graph.Event, surface: s.span(a, h+n)}
				m.name = strings.TrimSpace(s.span(a, h) + " " + d.lemmaPhrase(lx, toks[h:h+n]))
				m.head = strings.ToLower(d.lemmaPhrase(lx, toks[h:h+n]))
				m.owner = body
				(*out)[bi] = m
				for k := a; k < h+n; k++ {
					used[k] = true
				}
				continue
			}
		}
		// A body of a body, both heads lower-case: "Rietavo savivaldybės
		// taryba", "Šakių rajono savivaldybės administracija" — the name
		// before runs on over the second head.
		if typ == graph.PublicBody && used[h-1] {
			var body *mention
			for _, m := range *out {
				if m.j == h && !m.anaphor && m.typ == graph.PublicBody && m.gaz == nil && toks[m.i].capital() {
					body = m
				}
			}
			if body != nil {
				body.j = h + n
				body.surface = s.span(body.i, body.j)
				body.name = strings.TrimSpace(s.span(body.i, h) + " " + d.lemmaPhrase(lx, toks[h:h+n]))
				for k := h; k < h+n; k++ {
					used[k] = true
				}
				continue
			}
		}
		start := -1
		for k := h - 1; k >= 0 && k >= h-3; k-- {
			if used[k] && !(k == h-1 || toks[k].capital()) {
				break
			}
			// A name does not run back over "ir", "and": "Sakartvele ir
			// Rygos savivaldybė" is two names.
			if !toks[k].word() || d.isCoord(lx, toks[k]) {
				break
			}
			// At a sentence start a capital proves little, unless a
			// district or town noun follows ("Vilkaviškio rajono
			// savivaldybės").
			townNoun := k+1 < h && cityNouns[toks[k+1].fold]
			if toks[k].capital() && (k > 0 || d.knownName(toks[k]) || adjective(lx.lang, toks[k]) || townNoun) {
				start = k
				if k > 0 && used[k-1] {
					break
				}
			} else if used[k] {
				break
			}
		}
		if start < 0 {
			continue
		}
		// A mention already covering the capitalised word is replaced by
		// the longer name.
		end := h + n
		var keep []*mention
		clash := false
		for _, m := range *out {
			if m.j <= start || m.i >= end {
				keep = append(keep, m)
				continue
			}
			if m.i < start || m.j > end {
				clash = true
				break
			}
			// "Eurocities tinklas": a known name of the head's own type
			// stays itself, the head noun only says what it is.
			if m.gaz != nil && m.gaz.typ == typ {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		m := &mention{i: start, j: end, typ: typ, surface: s.span(start, end)}
		m.name = strings.TrimSpace(s.span(start, h) + " " + d.lemmaPhrase(lx, toks[h:end]))
		// The place the body governs: "Šakių rajono savivaldybė" is a
		// municipality, "Херсонська міська рада" a city council.
		*out = append(keep, m)
		for k := start; k < end; k++ {
			used[k] = true
		}
	}
}

// anaphorMentions marks definite nouns that stand for the last entity of
// their type ("Sieć powstała…", "the Network").
func (d *docState) anaphorMentions(s *sentence, lx *lexicon, used []bool, out *[]*mention) {
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		if used[i] || !toks[i].word() {
			continue
		}
		typ, n := lx.headType(lx.anaphors, toks, i)
		if n == 0 {
			continue
		}
		free := true
		for k := i; k < i+n; k++ {
			if used[k] {
				free = false
			}
		}
		if !free {
			continue
		}
		// Followed by a name, the noun is that name's head, not an anaphor.
		if i+n < len(toks) && (toks[i+n].capital() || toks[i+n].punct() && isOpenQuote(toks[i+n].text)) {
			continue
		}
		m := &mention{i: i, j: i + n, typ: typ, surface: s.span(i, i+n), anaphor: true}
		m.name = d.lemmaPhrase(lx, toks[i:i+n])
		m.generic = lx.generic.matchAt(toks, i) > 0
		// Adjectives make the noun a name of its own: "sesji otwierającej"
		// → "sesja otwierająca", "drugiej sesji plenarnej".
		if typ == graph.Event && !m.generic {
			a := d.adjectivesBefore(lx, toks, i, used)
			e := i + n
			for e < len(toks) && e < i+n+2 && toks[e].word() && !toks[e].capital() && adjective(lx.lang, toks[e]) && !used[e] {
				e++
			}
			if a < i || e > i+n {
				head := m.name
				m.head = strings.ToLower(head)
				m.name = strings.TrimSpace(d.agree(lx, toks[a:i], head) + " " + head + " " + d.agree(lx, toks[i+n:e], head))
				m.i, m.j = a, e
				m.surface = s.span(a, e)
				if a < i && toks[a].capital() {
					rs := []rune(m.name)
					rs[0] = unicode.ToUpper(rs[0])
					m.name = string(rs)
				}
				n = e - i
				i = a
			}
		}
		*out = append(*out, m)
		for k := i; k < i+n; k++ {
			used[k] = true
		}
		i += n - 1
	}
}

// splitPerson cuts an untyped run of capitalised words where a known given
// name opens a person's name that runs to its end; m keeps the words
// before, typed on their own. It returns the person, or nil.
func (d *docState) splitPerson(s *sentence, lx *lexicon, m *mention) *mention {
	if m.typ != "" || m.gaz != nil || m.j-m.i < 3 {
		return nil
	}
	for k := m.i + 1; k < m.j-1; k++ {
		if !d.givenName(s.toks[k]) {
			continue
		}
		name := d.personName(s, lx, k, m.j)
		if name == "" {
			continue
		}
		p := &mention{i: k, j: m.j, typ: graph.Person, name: name, surface: s.span(k, m.j)}
		m.j = k
		m.surface = s.span(m.i, m.j)
		d.typeChain(s, lx, m)
		return p
	}
	return nil
}

// nameParticles are the lower-case words inside family names.
var nameParticles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "den": true, "di": true,
	"da": true, "du": true, "la": true, "le": true, "dos": true, "del": true, "ten": true, "ter": true,
	"де": true, "фон": true, "ван": true, "дер": true, "ді": true, "да": true, "дю": true, "ля": true}

// ltDative reports a Lithuanian dative ending (singular -ui, -iui, -ai,
// -ei; plural -ams, -ims, -oms, -ėms): such a name is no genitive owner.
func ltDative(fold string) bool {
	for _, e := range []string{"ui", "ai", "ei", "ams", "ims", "oms", "ems"} {
		if strings.HasSuffix(fold, e) && len(fold) > len(e)+2 {
			return true
		}
	}
	return false
}
