package text

import (
	"strings"

	"github.com/ties-graph/ties/graph"
)

// roles reads office holders: "Ambasador Islandii – Hannes Heimisson",
// "Wojciech Szczurek, Mayor of Gdynia", "Karlshamno meras Per-Ola
// Mattssonas", "представник Уповноваженого … Володимир Джиджора".
func (d *docState) roles(s *sentence, lx *lexicon, ms []*mention, inMention []int) {
	toks := s.toks
	for p := 0; p < len(toks); p++ {
		if inMention[p] >= 0 || !toks[p].word() {
			continue
		}
		if n := lx.roleLeft.matchAt(toks, p); n > 0 {
			d.roleLeft(s, lx, ms, p, p+n)
			p += n - 1
		}
	}
	for _, pred := range []graph.Predicate{graph.Represents, graph.MemberOf} {
		words, idx := lx.roles[pred], lx.roleIdx[pred]
		if len(words) == 0 {
			continue
		}
		for _, l := range []*lexicon{lx, d.x.lex["en"]} {
			if l != lx && lx.lang == "en" {
				break
			}
			if l != lx {
				words, idx = l.roles[pred], l.roleIdx[pred]
			}
			for p := 0; p < len(toks); p++ {
				if inMention[p] >= 0 || !toks[p].word() {
					continue
				}
				n := words.matchIdx(idx, toks, p)
				if n == 0 || lx.roleLeft.matchAt(toks, p) > 0 {
					continue
				}
				d.role(s, lx, ms, pred, p, p+n)
				p += n - 1
			}
		}
	}
}

// role links the person and the body around one office noun at [a, b).
func (d *docState) role(s *sentence, lx *lexicon, ms []*mention, pred graph.Predicate, a, b int) {
	toks := s.toks
	bodyOK := func(m *mention) bool {
		return m != nil && m.ent != nil && m.ent.typ != per && m.ent.typ != evt && m.ent.typ != prj &&
			signatureOK(pred, per, m.ent.typ)
	}
	// The body: right after the office ("Mayor of Gdynia", "Ambasador
	// Islandii", "представник Уповноваженого"), else right before it in
	// the genitive ("Karlshamno meras").
	// An untyped name of two or more words in the body slot is a body:
	// "przedstawicielka Rennes Métropole".
	if m := nextMention(toks, ms, b, 2); m != nil && m.ent == nil && m.typ == "" && m.j-m.i >= 2 && d.knownName(toks[m.i]) {
		m.typ, m.name = org, m.surface
		m.ent = d.entityFor(m)
	}
	// "Karlshamno meras", "Mayor of Gdynia": a mayor's body is a city.
	if lx.mayors.matchAt(toks, a) > 0 || d.x.lex["en"].mayors.matchAt(toks, a) > 0 {
		for _, m := range []*mention{nextMention(toks, ms, b, 1), prevMention(toks, ms, a, 0)} {
			if m != nil && m.ent == nil && m.typ == "" && m.j-m.i == 1 && !m.acronymLike() {
				m.typ, m.name = cty, d.guessPlace(lx, m.surface)
				m.ent = d.entityFor(m)
				break
			}
		}
	}
	var body *mention
	bodyEnd := b
	if m := nextMention(toks, ms, b, 2); bodyOK(m) && !punctBetween(toks, b, m.i) {
		body, bodyEnd = m, m.j
	} else if m := prevMention(toks, ms, a, 0); bodyOK(m) {
		body = m
	}
	// "Вінницький міський голова": a mayor of the town the adjective
	// before the office is made from.
	if body == nil && a > 0 && (lx.mayors.matchAt(toks, a) > 0) {
		if e := d.x.gaz.townOfAdjective(toks[a-1]); e != nil {
			m := &mention{i: a - 1, j: a, typ: cty, name: e.name, surface: toks[a-1].text, gaz: e}
			m.ent = d.entityFor(m)
			body = m
		}
	}
	// "Mayor Jane Doe of Gdansk": the office, the name, then the town.
	if body == nil {
		if p := nextMention(toks, ms, b, 1); p != nil && p.ent != nil && p.ent.typ == per && p.j+1 < len(toks) && toks[p.j].word() && (toks[p.j].fold == "of" || lx.from[toks[p.j].fold]) {
			if ni := mentionAt(ms, p.j+1); ni >= 0 && ms[ni].i == p.j+1 && bodyOK(ms[ni]) {
				d.add(s, p.ent, ms[ni].ent, pred, 0.7, lx.lang+"/role/"+string(pred)+"/name-of")
				return
			}
		}
	}
	// "Head of Foreign Relations Division, Gdynia,": an unknown unit
	// followed by its town stands for the town.
	if body == nil {
		if m := nextMention(toks, ms, b, 2); m != nil && m.ent == nil && m.typ == "" && m.j+1 < len(toks) && toks[m.j].text == "," {
			if ni := mentionAt(ms, m.j+1); ni >= 0 && ms[ni].i == m.j+1 && ms[ni].ent != nil && ms[ni].ent.typ == cty {
				body, bodyEnd = ms[ni], ms[ni].j
			}
		}
	}
	if body == nil {
		return
	}
	// The person: after the office and body, past a dash, comma or words
	// of the office ("ds. Kultury", "з питань міжнародного співробітництва").
	var person *mention
	// Step over where the office is held: "Ambasador Islandii w Polsce –".
	pe := bodyEnd
	if pe+2 < len(toks) && toks[pe].text == "(" {
		for k := pe + 1; k < len(toks) && k < pe+5; k++ {
			if toks[k].text == ")" {
				pe = k + 1
				break
			}
		}
	}
	if pe+1 < len(toks) && toks[pe].word() && lx.loc[toks[pe].fold] {
		if mi := mentionAt(ms, pe+1); mi >= 0 && ms[mi].i == pe+1 {
			pe = ms[mi].j
		}
	}
	if m := nextMention(toks, ms, pe, 5); m != nil && !coordBetween(lx, toks, pe, m.i) {
		// After an office and its body, two or three capitalised words
		// are the holder's name even when the given name is unknown.
		if m.ent == nil && m.typ == "" && m.j-m.i >= 2 && m.j-m.i <= 3 && !wordsBetween(toks, pe, m.i) && !m.acronymLike() {
			m.typ, m.name = per, m.surface
			m.ent = d.entityFor(m)
		}
		if m.ent != nil && m.ent.typ == per {
			person = m
		}
	}
	// Or before it: "Wojciech Szczurek, Mayor of Gdynia", "Adamowicz
	// (posłanka do …)".
	if person == nil {
		// "Anna Berg, Mayor of Tartu", "Per Andersen, the President of
		// the Union", "Soeren Revsbaek, UBC Board Member, Deputy Mayor of
		// Naestved": back over articles and one apposition to the name.
		k := a - 1
		if body.i < a {
			k = body.i - 1
		}
		commas := 0
		for steps := 0; k >= 0 && steps < 10; steps++ {
			t := toks[k]
			if mi := mentionAt(ms, k); mi >= 0 {
				m := ms[mi]
				if m.ent != nil && m.ent.typ == per {
					if commas > 0 {
						person = m
					}
					break
				}
				k = m.i - 1
				continue
			}
			if t.text == "," || t.text == "(" {
				commas++
				if commas > 2 {
					break
				}
				k--
				continue
			}
			if t.punct() || d.isCoord(lx, t) || coordBetween(lx, toks, k, k+1) {
				break
			}
			isRole := d.roleWord(lx, toks, k) > 0 || d.roleWord(d.x.lex["en"], toks, k) > 0
			article := t.word() && (lx.conn[t.fold] || d.x.lex["en"].conn[t.fold] || articles[t.fold])
			if !(t.kind == tNum || isRole || article) {
				break
			}
			k--
		}
	}
	if person == nil {
		return
	}
	// A deputy chair of a council or board sits on it.
	if pred == graph.Represents && viceOf(toks[a].fold) && councilName(body.ent) {
		pred = graph.MemberOf
	}
	d.add(s, person.ent, body.ent, pred, 0.75, lx.lang+"/role/"+string(pred)+"/"+toks[a].fold)
}

func viceOf(f string) bool {
	for _, p := range viceStems {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

var viceStems = foldAll("wice", "vice", "віце", "заступник")

var councilStems = foldAll("rad", "taryb", "valdyb", "board", "council", "рад", "rat", "zarzad", "komitet", "committee")

// councilName reports a council, board or assembly.
func councilName(e *entity) bool {
	for _, ws := range e.forms() {
		for _, w := range ws {
			for _, stem := range councilStems {
				if strings.HasPrefix(w, stem) {
					return true
				}
			}
		}
	}
	return false
}

// roleLeft reads "Person, representing Body": a participle of
// representation after the person ("Māris Sprindžuks, atstovaujantis
// Ādaži savivaldybę").
func (d *docState) roleLeft(s *sentence, lx *lexicon, ms []*mention, a, b int) {
	toks := s.toks
	body := nextMention(toks, ms, b, 1)
	if body == nil || body.ent == nil || !signatureOK(graph.Represents, per, body.ent.typ) {
		return
	}
	k := a - 1
	for k >= 0 && toks[k].text == "," {
		k--
	}
	if mi := mentionAt(ms, k); mi >= 0 && ms[mi].j == k+1 && ms[mi].ent != nil && ms[mi].ent.typ == per {
		d.add(s, ms[mi].ent, body.ent, graph.Represents, 0.75, lx.lang+"/role/represents-participle")
	}
}

// bracketRoles reads "Person (office Body, office Body)" and "Person
// (Body)": the person represents each body, or is a member of it when
// the office is a membership ("posłanka do …", "członkini KR-u", "MEP").
func (d *docState) bracketRoles(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	for _, m := range ms {
		if m.ent == nil || m.ent.typ != per || m.j >= len(toks) || toks[m.j].text != "(" {
			continue
		}
		end := -1
		for k := m.j + 1; k < len(toks) && k < m.j+16; k++ {
			if toks[k].text == ")" {
				end = k
				break
			}
			if toks[k].text == "(" {
				break
			}
		}
		if end < 0 {
			continue
		}
		pred := graph.Represents
		for k := m.j + 1; k < end; k++ {
			if toks[k].text == "," || toks[k].text == ";" {
				pred = graph.Represents
				continue
			}
			if n := lx.roles[graph.MemberOf].matchAt(toks, k); n > 0 {
				pred = graph.MemberOf
				k += n - 1
				continue
			}
			if n := d.x.lex["en"].roles[graph.MemberOf].matchAt(toks, k); n > 0 && lx.lang != "en" {
				pred = graph.MemberOf
				k += n - 1
				continue
			}
			mi := mentionAt(ms, k)
			if mi < 0 {
				continue
			}
			b := ms[mi]
			k = b.j - 1
			// "Henrik Johansson (Växjö)": a lone unknown name in a
			// person's brackets is the place they come from.
			if b.ent == nil && b.typ == "" && b.j-b.i == 1 && !b.acronymLike() && m.j+1 == b.i && b.j == end {
				b.typ, b.name = cty, d.guessPlace(lx, b.surface)
				b.ent = d.entityFor(b)
			}
			if b.ent == nil || b.ent.typ == per || b.ent.typ == evt || b.ent.typ == prj {
				continue
			}
			p := pred
			if p == graph.MemberOf && !signatureOK(p, per, b.ent.typ) {
				p = graph.Represents
			}
			d.add(s, m.ent, b.ent, p, 0.7, lx.lang+"/role/bracket/"+string(p))
		}
	}
}

func honorific(t token) bool {
	switch t.fold {
	case "mr", "mrs", "ms", "dr", "prof", "pan", "pani", "herr", "frau", "ponas", "ponia", "пан", "пані":
		return true
	}
	return false
}

var townNounsLoc = map[string]bool{"mieste": true, "miestas": true, "miesto": true, "miescie": true, "misti": true, "місті": true}

var cityNouns = map[string]bool{"miesto": true, "miasta": true, "міста": true, "city": true, "stadt": true, "rajono": true}

var articles = map[string]bool{"the": true, "a": true, "an": true, "der": true, "die": true, "das": true, "des": true}

func wordsBetween(toks []token, a, b int) bool {
	for k := a; k < b && k < len(toks); k++ {
		if !toks[k].punct() {
			return true
		}
	}
	return false
}

func punctBetween(toks []token, a, b int) bool {
	for k := a; k < b && k < len(toks); k++ {
		if toks[k].punct() {
			return true
		}
	}
	return false
}

func coordBetween(lx *lexicon, toks []token, a, b int) bool {
	for k := a; k < b && k < len(toks); k++ {
		if toks[k].word() && (lx.coord.matchAt(toks, k) > 0 || enCoord[toks[k].fold]) {
			return true
		}
	}
	return false
}

var enCoord = map[string]bool{"and": true, "und": true, "i": true, "ir": true, "та": true, "і": true, "oraz": true}

// nextMention returns the first mention starting at or after k, with at
// most maxGap words and no clause barrier before it ("–", ",", ":" are
// allowed: they set off the name after an office).
func nextMention(toks []token, ms []*mention, k, maxGap int) *mention {
	gap := 0
	for ; k < len(toks); k++ {
		if mi := mentionAt(ms, k); mi >= 0 {
			if ms[mi].i == k {
				return ms[mi]
			}
			return nil
		}
		t := toks[k]
		if t.punct() {
			switch t.text {
			case "–", "—", "-", ",", ":":
				continue
			case ".":
				if k > 0 && toks[k-1].word() && len([]rune(toks[k-1].text)) <= 3 {
					continue // "Mr.", "Dr."
				}
			}
			return nil
		}
		if t.word() && honorific(t) {
			continue
		}
		gap++
		if gap > maxGap {
			return nil
		}
	}
	return nil
}

// prevMention returns the mention ending right before k (maxGap words);
// a city noun between does not count ("Alytaus miesto meras").
func prevMention(toks []token, ms []*mention, k, maxGap int) *mention {
	gap := 0
	for k--; k >= 0; k-- {
		// "UBC 1st Vice-President": an ordinal of the office is no gap.
		if toks[k].word() && cityNouns[toks[k].fold] || ordinal(toks[k]) {
			continue
		}
		if mi := mentionAt(ms, k); mi >= 0 {
			if ms[mi].j == k+1 {
				return ms[mi]
			}
			return nil
		}
		if toks[k].punct() {
			return nil
		}
		gap++
		if gap > maxGap {
			return nil
		}
	}
	return nil
}

// places reads where things are: "Karlshamn (Švedija)", "Polski
// (Hrubieszowa, Rzeszowa i Wrocławia)", "Gdynia, Poland", "Asociatia … z
// Rumunii" and names that end in their place ("… w Chrzanowie").
func (d *docState) places(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	for mi, m := range ms {
		if m.anaphor {
			continue
		}
		// "Ruciane-Nida mieste", "в місті X": a name with a town noun is a
		// town.
		if m.ent == nil && m.typ == "" && m.j-m.i == 1 && m.j < len(toks) && toks[m.j].word() && townNounsLoc[toks[m.j].fold] {
			m.typ, m.name = cty, m.surface
			m.ent = d.entityFor(m)
			// "Lenkijoje, Ruciane-Nida mieste": in that country.
			if mi >= 1 && ms[mi-1].ent != nil && ms[mi-1].ent.typ == ctr && m.i-ms[mi-1].j == 1 && toks[ms[mi-1].j].text == "," {
				d.add(s, m.ent, ms[mi-1].ent, graph.LocatedIn, 0.65, lx.lang+"/place/country-then-town")
			}
		}
		// "Zarbekas (Vokietija)": a name with its country in brackets is
		// a place.
		if m.ent == nil && m.typ == "" && m.j-m.i == 1 && m.j+2 < len(toks) && toks[m.j].text == "(" && toks[m.j+2].text == ")" {
			if ni := mentionAt(ms, m.j+1); ni >= 0 && ms[ni].ent != nil && ms[ni].ent.typ == ctr {
				m.typ, m.name = cty, d.guessPlace(lx, m.surface)
				m.ent = d.entityFor(m)
			}
		}
		if in := m.inner; in != nil && in.ent != nil && in.owner != nil && in.owner.ent != nil && (in.owner.gaz != nil || in.owner.ent.order < in.ent.order) {
			d.add(s, in.ent, in.owner.ent, graph.PartOf, 0.6, lx.lang+"/part/genitive-owner")
		}
		// A body named as a unit of a known body: "Секретаріат
		// Уповноваженого", "Komisja … Związku Miast Polskich".
		if o := m.owner; o != nil && m.ent != nil && o.ent != nil && m.ent.typ != evt && m.ent.typ != prj && (o.gaz != nil || o.ent.order < m.ent.order) && o.ent.typ != cty {
			d.add(s, m.ent, o.ent, graph.PartOf, 0.6, lx.lang+"/part/genitive-owner")
		}
		if m.tail != nil && m.ent != nil && m.tail.ent != nil {
			d.add(s, m.ent, m.tail.ent, graph.LocatedIn, 0.7, lx.lang+"/place/name-tail")
		}
		if m.ent == nil {
			continue
		}
		// "X (Country)" and "Country (A, B i C)".
		if m.j < len(toks) && toks[m.j].text == "(" {
			var inside []*mention
			for _, n := range ms[mi+1:] {
				if n.i <= m.j {
					continue
				}
				closed := false
				for k := m.j; k < n.i; k++ {
					if toks[k].text == ")" {
						closed = true
					}
				}
				if closed {
					break
				}
				inside = append(inside, n)
			}
			if len(inside) == 1 && inside[0].i == m.j+1 && inside[0].j < len(toks) && toks[inside[0].j].text == ")" {
				in := inside[0]
				if in.ent != nil && (in.ent.typ == ctr || in.ent.typ == cty && m.ent.typ != cty) && m.ent.typ != per {
					d.add(s, m.ent, in.ent, graph.LocatedIn, 0.75, lx.lang+"/place/brackets")
				}
			}
			// "z Rumunii (Association of Communes of Romania)": a body
			// named in brackets after a country sits there.
			if m.ent.typ == ctr && len(inside) == 1 && inside[0].i == m.j+1 && inside[0].j < len(toks) && toks[inside[0].j].text == ")" {
				if in := inside[0]; in.ent != nil && (in.ent.typ == org || in.ent.typ == pub) && in.ent.gaz == nil {
					d.add(s, in.ent, m.ent, graph.LocatedIn, 0.7, lx.lang+"/place/country-then-body")
				}
			}
			if m.ent.typ == ctr && len(inside) > 0 {
				cities := 0
				for _, in := range inside {
					if in.ent != nil && in.ent.typ == cty || in.ent == nil && in.typ == "" && in.j-in.i == 1 {
						cities++
					}
				}
				for _, in := range inside {
					// "Rumunii (Bogdan Vodă, Măgurele i Tulcea)": a name
					// listed with towns in a country's brackets is a town.
					if in.ent != nil && in.ent.typ == per && cities > 0 {
						in.typ, in.name, in.ent = cty, in.surface, nil
						in.ent = d.entityFor(in)
					}
					if in.ent == nil && in.typ == "" && in.j-in.i <= 2 {
						in.typ, in.name = cty, in.surface
						in.ent = d.entityFor(in)
					}
					if in.ent != nil && in.ent.typ == cty {
						d.add(s, in.ent, m.ent, graph.LocatedIn, 0.7, lx.lang+"/place/country-brackets")
					}
				}
			}
		}
		// "Asociatia … z Rumunii", "delegates from Latvia".
		fk := m.j
		if fk+2 < len(toks) && toks[fk].text == "(" && toks[fk+2].text == ")" {
			fk += 3
		}
		if (m.ent.typ == org || m.ent.typ == pub) && fk+1 < len(toks) && toks[fk].word() && lx.from[toks[fk].fold] {
			if ni := mentionAt(ms, fk+1); ni >= 0 && ms[ni].i == fk+1 && ms[ni].ent != nil && ms[ni].ent.typ == ctr {
				d.add(s, m.ent, ms[ni].ent, graph.LocatedIn, 0.7, lx.lang+"/place/from-country")
			}
		}
		// Lithuanian locative: "Ādaži savivaldybę Latvijoje".
		if lx.lang == "lt" && (m.ent.typ == pub || m.ent.typ == org || m.ent.typ == cty) && mi+1 < len(ms) && ms[mi+1].i == m.j {
			if n := ms[mi+1]; n.ent != nil && n.ent.typ == ctr && ltLocative(n.surface) {
				d.add(s, m.ent, n.ent, graph.LocatedIn, 0.7, "lt/place/locative-country")
			}
		}
		// "Gdynia, Poland" (a city then its country, closing a phrase).
		if m.ent.typ == cty && m.j+1 < len(toks) && toks[m.j].text == "," {
			if ni := mentionAt(ms, m.j+1); ni >= 0 && ms[ni].i == m.j+1 && ms[ni].ent != nil && ms[ni].ent.typ == ctr {
				end := ms[ni].j
				if end == len(toks) || toks[end].punct() && (toks[end].text != "," || end+1 < len(toks) && toks[end+1].kind == tNum) || toks[end].word() && !toks[end].capital() {
					d.add(s, m.ent, ms[ni].ent, graph.LocatedIn, 0.7, lx.lang+"/place/city-comma-country")
				}
			}
		}
	}
}

// ltLocative reports a Lithuanian locative ending: -je (Latvijoje,
// Izraelyje), -e after a consonant stem (Sakartvele, Egipte), -se in the
// plural (Valstijose). Unfolded: a nominative "-ė" (Čilė) is no locative.
func ltLocative(surface string) bool {
	w := strings.ToLower(surface)
	return strings.HasSuffix(w, "e") // -je, -se and consonant stems alike
}
