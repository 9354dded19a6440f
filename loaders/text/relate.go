package text

import (
	"strings"

	"github.com/ties-graph/ties/graph"
)

type typeSet map[graph.EntityType]bool

func types(ts ...graph.EntityType) typeSet {
	m := typeSet{}
	for _, t := range ts {
		m[t] = true
	}
	return m
}

const (
	per = graph.Person
	org = graph.Organization
	pub = graph.PublicBody
	cty = graph.City
	ctr = graph.Country
	net = graph.Network
	evt = graph.Event
	prj = graph.Project
)

// signatures are the subject and object types each predicate allows
// (../shared/gold/vocabulary.md, widened table).
var signatures = map[graph.Predicate][2]typeSet{
	graph.MemberOf:    {types(cty, org, pub, per), types(net, org, pub, prj)},
	graph.Represents:  {types(per, pub), types(org, pub, cty, ctr, net)},
	graph.Attended:    {types(per, org, pub, cty, prj), types(evt)},
	graph.Organized:   {types(org, pub, cty, net, ctr), types(evt, prj, net)},
	graph.LocatedIn:   {types(evt, org, pub, net, prj, cty), types(cty, ctr)},
	graph.PartOf:      {types(evt, org, pub, prj, net), types(evt, org, pub, prj, net, cty, ctr)},
	graph.Founded:     {types(cty, org, pub, per), types(net, org, prj)},
	graph.Funded:      {types(org, pub, ctr, prj), types(prj, evt, org)},
	graph.Supported:   {types(org, pub, net), types(evt, prj, net)},
	graph.Coordinates: {types(cty, org, pub), types(net, prj, org)},
	graph.PartnerOf:   {types(cty, org, pub, net), types(cty, org, pub, net)},
}

func signatureOK(p graph.Predicate, s, o graph.EntityType) bool {
	sig, ok := signatures[p]
	return ok && sig[0][s] && sig[1][o]
}

// barrier reports punctuation that ends a clause for argument search.
func barrier(t token) bool {
	if !t.punct() {
		return false
	}
	switch t.text {
	case ".", ";", "?", "!", ":", "(", ")", "–", "—", "•", "[", "]":
		return true
	}
	return false
}

// relate applies the trigger rules and the role and place patterns of the
// language to one sentence.
func (d *docState) relate(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	inMention := make([]int, len(toks))
	for k := range inMention {
		inMention[k] = -1
	}
	for mi, m := range ms {
		for k := m.i; k < m.j; k++ {
			inMention[k] = mi
		}
	}
	d.places(s, lx, ms)
	d.knownUnits(s, lx, ms)
	for p := 0; p < len(toks); p++ {
		if inMention[p] >= 0 {
			continue
		}
		var best *rule
		bestN := 0
		for _, ri := range lx.rulesAt(toks[p]) {
			r := &lx.rules[ri]
			if n := matchPattern(r.phrase, toks, p); n > bestN || n == bestN && n > 0 && stars(r.phrase) < stars(best.phrase) {
				ok := true
				for k := p; k < p+n; k++ {
					if inMention[k] >= 0 {
						ok = false
					}
				}
				if ok {
					best, bestN = r, n
				}
			}
		}
		if best == nil {
			continue
		}
		n0 := len(d.stmts)
		d.applyRule(s, lx, ms, best, p, p+bestN)
		// Lithuanian word order is free (case marks the roles): rules
		// that share the phrase in the other order ("X atstovavo Y",
		// "Y atstovavo X") are tried in turn until one yields a tie.
		for _, ri := range lx.rulesAt(toks[p]) {
			if lx.lang != "lt" {
				break
			}
			r := &lx.rules[ri]
			if len(d.stmts) > n0 || r == best || r.pred != best.pred || !samePattern(r.phrase, best.phrase) {
				continue
			}
			d.applyRule(s, lx, ms, r, p, p+bestN)
		}
		p += bestN - 1
	}
	d.roles(s, lx, ms, inMention)
	d.bracketRoles(s, lx, ms)
	d.officeHolders(s, lx, ms)
	d.initiatives(s, lx, ms)
	d.during(s, lx, ms)
	d.backedBy(s, lx, ms)
	// Again: names typed by the rules ("Asociatia … z Rumunii") now have
	// entities.
	d.places(s, lx, ms)
	d.signing(s, lx, ms, inMention)
	// Last: the rules above type names ("Teltow" in a signing) the
	// lists need.
	d.respectively(s, lx, ms)
	d.adjectivePlace(s, lx, ms)
	d.genitiveMembers(s, lx, ms)
	d.dateline(s, lx, ms)
}

// initiatives reads "Ініціатива Європейської Комісії «Угода мерів»",
// "an initiative of the Council of Europe, the Intercultural Cities
// programme": the body whose initiative a named programme is organised it.
func (d *docState) initiatives(s *sentence, lx *lexicon, ms []*mention) {
	for k := 0; k+1 < len(ms); k++ {
		m, n := ms[k], ms[k+1]
		if m.owner == nil || m.owner.ent == nil || n.ent == nil || m.anaphor {
			continue
		}
		h := graph.Fold(m.head)
		if !strings.HasPrefix(h, "inicjatyw") && !strings.HasPrefix(h, "initiative") && !strings.HasPrefix(h, "iniciatyv") && !strings.HasPrefix(h, graph.Fold("ініціатив")) {
			continue
		}
		if n.i == m.j || n.i == m.j+1 && s.toks[m.j].text == "," {
			d.add(s, m.owner.ent, n.ent, graph.Organized, 0.65, lx.lang+"/organized/initiative-of")
		}
	}
}

// officeHolders reads a person named right after an office that is a
// body of its own: "Уповноважений Верховної Ради України з прав людини
// Дмитро Лубінець", "Rzecznik Praw Obywatelskich Marcin Wiącek".
func (d *docState) officeHolders(s *sentence, lx *lexicon, ms []*mention) {
	for k := 0; k+1 < len(ms); k++ {
		b, p := ms[k], ms[k+1]
		if b.anaphor || b.ent == nil || p.ent == nil || p.ent.typ != per || p.i != b.j || b.ent.typ != pub {
			continue
		}
		// Only offices held by one person: the body's name starts with an
		// office noun ("Уповноважений", "Rzecznik", "Commissioner").
		if d.roleWord(lx, s.toks, b.i) == 0 && d.roleWord(d.x.lex["en"], s.toks, b.i) == 0 {
			continue
		}
		d.add(s, p.ent, b.ent, graph.Represents, 0.65, lx.lang+"/role/office-holder")
	}
}

// during reads "Podczas konferencji X przedstawił…", "Під час зібрання
// представник … Максим Тептюк представив…": the person who acts during
// an event that opens the sentence took part in it.
func (d *docState) during(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	// A date may come first: "13 listopada 2023 podczas …".
	p := 0
	for p < len(toks) && (toks[p].kind == tNum || d.isMonthAny(lx, toks[p]) || toks[p].text == "." || toks[p].text == ",") {
		p++
	}
	if len(ms) < 2 {
		return
	}
	ev := ms[0]
	if ev.ent == nil || ev.ent.typ != evt {
		return
	}
	after := ev.j // where the actors may start
	post := false // the Lithuanian postposition: a body there is mostly a genitive
	if n := lx.during.matchAt(toks, p); n > 0 {
		// "podczas jednego z paneli": a few lower-case words may open the
		// event's phrase.
		if ev.i < p+n || ev.i > p+n+3 {
			return
		}
		for k := p + n; k < ev.i; k++ {
			if !toks[k].word() || toks[k].capital() {
				return
			}
		}
	} else {
		// A postposition after the event's genitive: "Intensyvios
		// mokymo programos metu …" (Lithuanian). Only adjectives and
		// genitives before the event, none of them a name.
		n = lx.during.matchAt(toks, ev.j)
		if n == 0 || ev.i-p > 8 {
			return
		}
		for k := p; k < ev.i; k++ {
			if !toks[k].word() || k > p && toks[k].capital() {
				return
			}
		}
		after, post = ev.j+n, true
	}
	for mi, m := range ms[1:] {
		// "projekto „X“ ir judėjimo „Y“ dalyviai dalyvavo": a list of
		// bodies (and projects) whose team acts takes part, every member.
		if m.ent != nil && m.i-after <= 3 && (isBody(m.ent.typ) || m.ent.typ == prj) && !m.afterLoc && !m.anaphor {
			var pending []*mention
			list := d.expand(s, lx, ms, mi+1, +1, types(per, org, pub, net, prj), &pending)
			last := list[len(list)-1]
			if d.teamAfter(lx, s.toks, ms, last.j) {
				for _, x := range list {
					if x.ent == nil && !x.anaphor {
						x.ent = d.entityFor(x)
					}
					if x.ent != nil {
						d.add(s, x.ent, ev.ent, graph.Attended, 0.6, lx.lang+"/attended/during-team")
					}
				}
				return
			}
			for _, x := range pending {
				if x.ent == nil {
					x.typ, x.name = "", x.surface
				}
			}
		}
		if m.i-ev.j > 14 {
			return
		}
		for k := ev.j; k < m.i; k++ {
			if barrier(toks[k]) {
				return
			}
		}
		// A person, or a body that acts ("…, Miejska Biblioteka Publiczna
		// w Chrzanowie miała okazję opowiedzieć"), not a place.
		if m.ent != nil && (m.ent.typ == per || (m.ent.typ == org || m.ent.typ == pub) && !m.afterLoc && !m.anaphor && !post) {
			d.add(s, m.ent, ev.ent, graph.Attended, 0.6, lx.lang+"/attended/during")
			return
		}
		// "Podczas konferencji odbywa się posiedzenie …": an event held
		// during another is part of it.
		if m.ent != nil && m.ent.typ == evt && m.ent != ev.ent && lx.happen.matchAt(toks, ev.j) > 0 {
			d.add(s, m.ent, ev.ent, graph.PartOf, 0.6, lx.lang+"/part/during")
			return
		}
	}
}

// backedBy reads "su X parama", "with X's support" closing a clause: the
// bodies between "with" and the noun of support supported the event the
// sentence names (or the one its other ties already point to).
func (d *docState) backedBy(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	if len(lx.backing) == 0 {
		return
	}
	for k := 0; k+2 < len(toks); k++ {
		if !toks[k].word() || !lx.with[toks[k].fold] {
			continue
		}
		mi := mentionAt(ms, k+1)
		if mi < 0 || ms[mi].i != k+1 {
			continue
		}
		if m := ms[mi]; m.ent == nil && m.typ == "" && !m.anaphor {
			d.genitiveHead(s, lx, ms, m)
		}
		if mtype(ms[mi]) == "" || !isBody(mtype(ms[mi])) {
			continue
		}
		var pending []*mention
		list := d.expand(s, lx, ms, mi, +1, types(org, pub, net), &pending)
		end := list[len(list)-1].j
		// The noun may follow a few words of the body's name the mention
		// left out ("komiteto moterų padėties klausimais parama").
		at := -1
		for q := end; q < len(toks) && q <= end+4 && toks[q].word() && mentionAt(ms, q) < 0; q++ {
			if lx.backing.matchAt(toks, q) > 0 {
				at = q
				break
			}
		}
		if at < 0 {
			for _, x := range pending {
				if x.ent == nil {
					x.typ, x.name = "", x.surface
				}
			}
			continue
		}
		ev := d.clauseEvent(s, ms)
		if ev == nil {
			return
		}
		for _, x := range list {
			if x.ent == nil && !x.anaphor {
				x.ent = d.entityFor(x)
			}
			if x.ent != nil {
				d.add(s, x.ent, ev, graph.Supported, 0.7, lx.lang+"/supported/with-backing")
			}
		}
		return
	}
}

// genitiveHead extends an untyped name in the genitive over the
// lower-case words after it to a body's head noun and the rest of its
// name before "su …" closes: "Ženevos NVO komiteto … parama" (Lithuanian
// names put their genitives first and keep the head lower-case).
func (d *docState) genitiveHead(s *sentence, lx *lexicon, ms []*mention, m *mention) {
	toks := s.toks
	for q := m.j; q < len(toks) && q <= m.j+1 && toks[q].word() && !toks[q].capital() && mentionAt(ms, q) < 0; q++ {
		typ, n := lx.headType(lx.heads, toks, q)
		if n == 0 || !isBody(typ) {
			continue
		}
		// The name runs on to the noun of support ("… klausimais parama").
		end := q + n
		for e := end; e < len(toks) && e <= end+4 && toks[e].word() && mentionAt(ms, e) < 0; e++ {
			if lx.backing.matchAt(toks, e) > 0 {
				end = e
				break
			}
		}
		m.j, m.typ = end, typ
		m.surface = s.span(m.i, m.j)
		m.name = m.surface
		return
	}
}

// clauseEvent is the one event the sentence names, else the one event the
// sentence's ties already have for object ("Programą organizavo …").
func (d *docState) clauseEvent(s *sentence, ms []*mention) *entity {
	if ev := d.sentenceEvent(ms); len(ev) == 1 {
		return ev[0].ent
	}
	var id string
	for i := len(d.stmts) - 1; i >= 0 && d.stmts[i].Evidence.Start == s.start; i-- {
		o := d.stmts[i].Object.ID
		if id != "" && o != id {
			return nil
		}
		id = o
	}
	for _, e := range d.list {
		if id != "" && e.id == id && e.typ == evt {
			return e
		}
	}
	return nil
}

// signing reads agreements: a sentence that says an agreement (memorandum,
// partnership or cooperation agreement) was signed makes its signatory
// bodies partners of each other: "Memorandumą pasirašė … atstovaujantis
// A, … B, … C", "A, B та C підписали Меморандум".
func (d *docState) signing(s *sentence, lx *lexicon, ms []*mention, inMention []int) {
	toks := s.toks
	signed, deal := false, false
	for k := range toks {
		if !toks[k].word() {
			continue
		}
		if lx.signVerbs.matchIdx(lx.signIdx, toks, k) > 0 {
			signed = true
		}
		if lx.agreements.matchIdx(lx.agreeIdx, toks, k) > 0 {
			deal = true
		}
	}
	if !signed || !deal {
		return
	}
	var parties []*entity
	seen := map[*entity]bool{}
	// "von Żagań, Chotyn und Teltow": a bare name listed with towns is one.
	for x, m := range ms {
		if m.ent != nil || m.typ != "" || m.j-m.i != 1 || m.anaphor || x == 0 {
			continue
		}
		p := ms[x-1]
		if p.ent != nil && p.ent.typ == cty && m.i-p.j == 1 && (toks[p.j].text == "," || d.isCoord(lx, toks[p.j])) {
			m.typ, m.name = cty, d.guessPlace(lx, m.surface)
			m.ent = d.entityFor(m)
		}
	}
	for x, m := range ms {
		if m.ent != nil || m.typ != "" || m.j-m.i != 1 || m.anaphor || x+1 >= len(ms) {
			continue
		}
		n := ms[x+1]
		if n.ent != nil && n.ent.typ == cty && n.i-m.j == 1 && (toks[m.j].text == "," || d.isCoord(lx, toks[m.j])) {
			m.typ, m.name = cty, d.guessPlace(lx, m.surface)
			m.ent = d.entityFor(m)
		}
	}
	for _, m := range ms {
		if m.ent == nil || m.anaphor || seen[m.ent] {
			continue
		}
		switch m.ent.typ {
		case pub, org, cty:
			// A city named only as the seat of a body ("… Latvijoje") is
			// not a party; bodies and towns that act are.
			seen[m.ent] = true
			parties = append(parties, m.ent)
		}
	}
	if len(parties) < 2 || len(parties) > 5 {
		return
	}
	for x := 0; x < len(parties); x++ {
		for y := x + 1; y < len(parties); y++ {
			d.add(s, parties[x], parties[y], graph.PartnerOf, 0.65, lx.lang+"/partner/signed-agreement")
		}
	}
}

// applyRule finds the arguments on each side of a trigger at [a, b).
func (d *docState) applyRule(s *sentence, lx *lexicon, ms []*mention, r *rule, a, b int) {
	sig := signatures[r.pred]
	want := func(slot byte) typeSet {
		if slot == 'S' {
			return sig[0]
		}
		return sig[1]
	}
	// "w ramach", "within the framework of": events, projects and
	// networks sit within programmes, bodies do not.
	if r.pred == graph.PartOf && framework(r.phrase) {
		base := want
		inner := types(evt, prj, net)
		want = func(slot byte) typeSet {
			if slot == 'S' {
				return inner
			}
			return base(slot)
		}
	}
	tight := len(r.phrase) == 1 && lx.loc[r.phrase[0]]
	if tight {
		// "Угода мерів в Україні" names a branch, not a seat: networks
		// take no bare "in".
		noNet := typeSet{}
		for t := range sig[0] {
			if t != net {
				noNet[t] = true
			}
		}
		base := want
		want = func(slot byte) typeSet {
			if slot == 'S' {
				return noNet
			}
			return base(slot)
		}
	}
	// A project takes part only through its team: "projekto „X“ dalyviai
	// dalyvavo …" (the gold counts the project as the attendee).
	if r.pred == graph.Attended && r.left == 'S' && !d.teamBefore(lx, s.toks, ms, a) {
		base := want
		want = func(slot byte) typeSet {
			ts := base(slot)
			if slot != 'S' {
				return ts
			}
			out := typeSet{}
			for t := range ts {
				if t != prj {
					out[t] = true
				}
			}
			return out
		}
	}
	maxGap := 5
	if tight {
		maxGap = 0
	}
	// "took place in", "odbył się w": only events take place.
	if r.pred == graph.LocatedIn && (lx.happen.matchAt(s.toks, a) > 0 || d.x.lex["en"].happen.matchAt(s.toks, a) > 0) {
		evOnly := types(evt)
		want = func(slot byte) typeSet {
			if slot == 'S' {
				return evOnly
			}
			return sig[1]
		}
	}
	// "Partnerstadt", "miasto partnerskie": the partners are towns.
	d.townCue = r.pred == graph.PartnerOf && cityPhrase(r.phrase)
	defer func() { d.townCue = false }()
	// "A und B sind Städtepartner", "Partnerstädte A und B": partners
	// with each other.
	if r.pred.Symmetric() && (r.right == '-' || r.left == '-') {
		var pending []*mention
		var list []*mention
		if r.right == '-' {
			list = d.slot(s, lx, ms, a, -1, want('S'), 5, &pending)
		} else {
			list = d.slot(s, lx, ms, b, +1, want('S'), 1, &pending)
			if len(list) < 2 {
				// "Die Städte A und B sind seit 1959 Partnerstädte."
				list = d.slot(s, lx, ms, a, -1, want('S'), 5, &pending)
			}
		}
		for _, m := range list {
			if m.ent == nil && !m.anaphor {
				m.ent = d.entityFor(m)
			}
		}
		for x := 0; x < len(list); x++ {
			for y := x + 1; y < len(list); y++ {
				if list[x].ent != nil && list[y].ent != nil {
					d.add(s, list[x].ent, list[y].ent, r.pred, 0.75, r.name)
				}
			}
		}
		return
	}
	// "Miasto …, reprezentowane przez X, zostało wybrane członkiem": a
	// neuter verb has no person for subject.
	if lx.lang == "pl" && r.left == 'S' && neuterVerb(s.toks, a, b) {
		base := want
		want = func(slot byte) typeSet {
			ts := base(slot)
			if slot != 'S' || !ts[per] {
				return ts
			}
			out := typeSet{}
			for t := range ts {
				if t != per {
					out[t] = true
				}
			}
			return out
		}
	}
	var pending []*mention
	var left, right []*mention
	if r.left == 'E' {
		left = d.sentenceEvent(ms)
	} else if r.left == 'L' {
		if e := d.last[evt]; e != nil {
			left = []*mention{{ent: e, typ: evt}}
		}
	} else {
		left = d.slot(s, lx, ms, a, -1, want(r.left), maxGap, &pending)
		// "The conference was organised by X and attended by Y": the
		// second verb of the clause shares its event subject.
		if len(left) == 0 && r.left == 'O' && r.pred == graph.Attended && a > 0 && s.toks[a-1].word() && lx.coord.matchAt(s.toks, a-1) > 0 {
			if ev := d.sentenceEvent(ms); len(ev) == 1 && ev[0].j <= a {
				left = ev
			}
		}
	}
	// "Oberbürgermeister X unterzeichnete eine Partnerschaft mit Y": a
	// mayor signs for the town.
	if len(left) == 0 && r.pred == graph.PartnerOf && r.left == 'S' {
		for _, m := range ms {
			if m.j <= a && m.ent != nil && m.ent.typ == per && !clauseBreak(s.toks, m.j, a) {
				if t := d.townOf(m.ent); t != nil {
					left = []*mention{{i: m.i, j: m.j, ent: t, typ: cty}}
				}
			}
		}
	}
	// "Organizatorem wydarzenia był X", "The organiser of the event was
	// X": the event in the genitive right after the trigger noun.
	evFrom := b
	if len(left) == 0 && r.left == 'O' && want('O')[evt] && r.right == 'S' {
		if mi := mentionAt(ms, b); mi >= 0 && ms[mi].i == b && mtype(ms[mi]) == evt && ms[mi].ent != nil {
			left = []*mention{ms[mi]}
			evFrom = ms[mi].j
		}
	}
	if len(left) > 0 {
		right = d.slot(s, lx, ms, evFrom, +1, want(r.right), maxGap, &pending)
	}
	// "na posiedzeniu Walnego Zgromadzenia Stowarzyszenia X, Elbląg został
	// przyjęty w poczet członków": admitted by the body whose assembly it was.
	if len(left) > 0 && len(right) == 0 && r.pred == graph.MemberOf && r.left == 'S' {
		for _, m := range ms {
			if m.typ == evt && m.owner != nil && m.owner.ent != nil && want('O')[m.owner.ent.typ] && m.j <= a {
				right = []*mention{m.owner}
			}
		}
	}
	// A relative clause ("…, що проходила у Львові", "…, kuris vyko
	// Kaune"): the event named before the pronoun is its subject, however
	// long its title.
	if len(left) == 0 && r.left == 'S' && r.pred == graph.LocatedIn && relativeWords[s.toks[a].fold] {
		for i := len(ms) - 1; i >= 0; i-- {
			if m := ms[i]; m.j <= a && m.ent != nil && m.ent.typ == evt && !m.anaphor {
				left = []*mention{m}
				right = d.slot(s, lx, ms, b, +1, want('O'), maxGap, &pending)
				break
			}
		}
	}
	// Free word order: "konferencję otworzył … Zbigniew Nikitorowicz".
	if (len(left) == 0 || len(right) == 0) && (r.pred == graph.Attended || r.pred == graph.Organized) && r.left == 'S' && r.right == 'O' {
		for _, m := range pending {
			if m.ent == nil {
				m.typ, m.name = "", m.surface
			}
		}
		pending = pending[:0]
		l2 := d.slot(s, lx, ms, a, -1, want('O'), maxGap, &pending)
		var r2 []*mention
		if len(l2) > 0 {
			// Only people (attended) or bodies with an event before the
			// verb (organized): "Uroczystość zorganizowało Biuro …".
			sw := types(per)
			if r.pred == graph.Organized {
				sw = types(org, pub, cty)
				if len(l2) != 1 || mtype(l2[0]) != evt {
					l2 = nil
				}
			}
			if len(l2) > 0 {
				r2 = d.slot(s, lx, ms, b, +1, sw, maxGap, &pending)
			}
		}
		if len(l2) > 0 && len(r2) > 0 {
			left, right = r2, l2
		}
	}
	// Lithuanian object first: "Projektą „X“ finansavo Y", "Asociaciją
	// „X“ įkūrė Y" — an accusative name before the verb, its subject
	// after it.
	ovs := lx.lang == "lt" && len(left) == 1 && len(right) > 0 && accusativeBefore(s.toks, left[0])
	if (len(left) == 0 || len(right) == 0 || ovs) && lx.lang == "lt" && r.left == 'S' && r.right == 'O' && r.pred != graph.Attended && r.pred != graph.Organized && !r.pred.Symmetric() {
		keepL, keepR := left, right
		for _, m := range pending {
			if m.ent == nil {
				m.typ, m.name = "", m.surface
			}
		}
		pending = pending[:0]
		l2 := d.slot(s, lx, ms, a, -1, want('O'), 2, &pending)
		var r2 []*mention
		if len(l2) == 1 && accusativeBefore(s.toks, l2[0]) {
			sw := typeSet{}
			for t := range want('S') {
				if t != per {
					sw[t] = true
				}
			}
			r2 = d.slot(s, lx, ms, b, +1, sw, 2, &pending)
		}
		if len(l2) == 1 && len(r2) > 0 {
			left, right = r2, l2
		} else {
			left, right = keepL, keepR
		}
	}
	// "joined the meeting", "dołączył do spotkania": joining an event is
	// taking part in it.
	if len(left) > 0 && len(right) == 0 && r.pred == graph.MemberOf && r.left == 'S' && r.right == 'O' {
		if ev := d.slot(s, lx, ms, b, +1, types(evt), maxGap, &pending); len(ev) == 1 {
			for _, sm := range left {
				if sm.ent != nil && ev[0].ent != nil {
					d.add(s, sm.ent, ev[0].ent, graph.Attended, 0.7, r.name+"/event")
				}
			}
		}
	}
	if len(left) == 0 || len(right) == 0 {
		// Types guessed from the slots hold only when the rule applies.
		for _, m := range pending {
			if m.ent == nil {
				m.typ, m.name = "", m.surface
			}
		}
		return
	}
	for _, m := range append(left, right...) {
		if m.ent == nil && !m.anaphor {
			m.ent = d.entityFor(m)
		}
	}
	subs, objs := left, right
	if (r.left == 'O' || r.left == 'E' || r.left == 'L') && !(r.left == 'E' && r.pred == graph.LocatedIn) {
		subs, objs = right, left
	}
	conf := 0.8
	if tight {
		conf = 0.7
	}
	for _, sm := range subs {
		for _, om := range objs {
			d.add(s, sm.ent, om.ent, r.pred, conf, r.name)
		}
	}
	// "X провів зустріч з Y", "X met with Y at …": the partner of a
	// meeting took part in it too.
	if r.pred == graph.Attended && r.right == 'O' && len(objs) == 1 {
		ev := objs[0]
		k := ev.j
		if k < len(s.toks) && s.toks[k].word() && lx.with[s.toks[k].fold] {
			if m := nextPerson(s, lx, ms, k+1); m != nil {
				d.add(s, m.ent, ev.ent, graph.Attended, 0.7, r.name+"/with")
			}
		}
	}
}

// slot returns the mentions (a list when they are coordinated) nearest to
// token position from in direction dir, skipping at most maxGap words.
func (d *docState) slot(s *sentence, lx *lexicon, ms []*mention, from, dir int, want typeSet, maxGap int, pending *[]*mention) []*mention {
	toks := s.toks
	skipTyped := len(want) == 1 && want[evt] && maxGap > 0
	gap := 0
	colon := false
	k := from
	if dir < 0 {
		k = from - 1
	}
	for ; k >= 0 && k < len(toks); k += dir {
		if mi := mentionAt(ms, k); mi >= 0 {
			m := ms[mi]
			if m.ent == nil && m.typ == "" {
				d.typeFromSlot(m, want, pending)
			}
			if want[mtype(m)] {
				if colon {
					return d.colonList(s, lx, ms, mi, want)
				}
				return d.expand(s, lx, ms, mi, dir, want, pending)
			}
			// The body before an office ("Vilniaus meras X") is stepped
			// over to its holder.
			if dir > 0 && m.j < len(toks) && (d.roleWord(lx, toks, m.j) > 0 || cityNouns[toks[m.j].fold] && d.roleWord(lx, toks, m.j+1) > 0) && want[per] {
				k = m.j - 1
				continue
			}
			// After a colon, names of other kinds ("Ambasador Islandii")
			// come before the list members.
			if colon {
				if dir > 0 {
					k = m.j - 1
				}
				continue
			}
			// The body a name ends with ("programu X Fundacji Y") when
			// the name itself does not fit the slot.
			if dir > 0 && m.owner != nil && m.owner.ent != nil && want[m.owner.ent.typ] && isBody(m.owner.ent.typ) {
				return []*mention{m.owner}
			}
			// A body in the genitive right after a name the slot cannot
			// take: "z funduszu programu X Fundacji Y" → the foundation.
			if dir > 0 && m.j < len(toks) {
				if ni := mentionAt(ms, m.j); ni >= 0 && ms[ni].i == m.j && want[mtype(ms[ni])] && isBody(mtype(ms[ni])) {
					return []*mention{ms[ni]}
				}
			}
			agent := dir < 0 && m.i > 0 && toks[m.i-1].word() && agentWords[toks[m.i-1].fold]
			if m.ent == nil && mtype(m) == "" || skipTyped && dir < 0 || m.anaphor || agent {
				// An untyped name the slot cannot take is stepped over;
				// so are other names before "took place" (the event is
				// the clause's subject).
				if dir > 0 {
					k = m.j - 1
				} else {
					k = m.i
				}
				gap++
				if gap > maxGap {
					return nil
				}
				continue
			}
			return nil
		}
		t := toks[k]
		// Offices, honorifics and list openers ("w tym", "m.in.") do not
		// count as distance.
		if n := d.roleWord(lx, toks, k); n > 0 && dir > 0 {
			k += n - 1
			// The office's body ("Wiceprzewodnicząca Rady Pani X") is not
			// the argument: step over it too.
			// So is "of (the) Body" after it: "attended by Mayor of Tartu
			// Urmas Klaas".
			q := k + 1
			for g := 0; g < 2 && q < len(toks) && toks[q].word() && !toks[q].capital() && (lx.conn[toks[q].fold] || toks[q].fold == "of" || toks[q].fold == "the"); g++ {
				q++
			}
			if mi := mentionAt(ms, q); mi >= 0 && ms[mi].i == q && mtype(ms[mi]) != per {
				// And where the office is held: "Konsul Honorowy Finlandii
				// w Olsztynie Jan Nowicki".
				last := mi
				if e := ms[mi].j; e+1 < len(toks) && toks[e].word() && lx.loc[toks[e].fold] && mi+1 < len(ms) && ms[mi+1].i == e+1 {
					last = mi + 1
				}
				if last+1 < len(ms) && mtype(ms[last+1]) == per && ms[last+1].i-ms[last].j <= 2 {
					k = ms[last].j - 1
				}
			}
			continue
		}
		if n := lx.listIntro.matchAt(toks, k); n > 0 && dir > 0 {
			k += n - 1
			continue
		}
		if t.text == "." && k > 0 && lx.abbrev[toks[k-1].fold] {
			continue
		}
		if t.text == ":" && dir > 0 && gap <= maxGap {
			colon = true
			continue
		}
		// In a list after a colon, dashes and words of each item
		// ("Ambasador Islandii w Polsce – X") do not end the search.
		if colon {
			if t.text == "." || t.text == ";" || t.text == "!" || t.text == "?" {
				return nil
			}
			continue
		}
		// Going left, step over an apposition set off by commas that
		// opens with a lower-case word (a participle or relative clause):
		// "Wspólnota …, powołana w ramach projektu, zrzesza".
		if t.text == "," && dir < 0 && maxGap > 0 {
			if c := appositionStart(toks, k); c >= 0 {
				k = c
				continue
			}
		}
		// A dash inside a date range ("5–7 October") is no clause break.
		if (t.text == "–" || t.text == "-") && k > 0 && k+1 < len(toks) && toks[k-1].kind == tNum && toks[k+1].kind == tNum {
			continue
		}
		// A bracket with no names in it ("(31 maja)") is stepped over.
		if t.text == "(" && dir > 0 {
			skip := -1
			for q := k + 1; q < len(toks) && q < k+9; q++ {
				if mentionAt(ms, q) >= 0 {
					break
				}
				if toks[q].text == ")" {
					skip = q
					break
				}
			}
			if skip > 0 {
				k = skip
				continue
			}
		}
		if barrier(t) {
			return nil
		}
		// Dates cost nothing: "held on 19-20 October 2006 in …".
		if t.kind == tNum || d.isMonthAny(lx, t) {
			continue
		}
		if t.word() {
			gap++
			if gap > maxGap {
				return nil
			}
		}
	}
	return nil
}

// typeFromSlot gives an untyped name the type its slot asks for when that
// is unambiguous between places and bodies.
func (d *docState) typeFromSlot(m *mention, want typeSet, pending *[]*mention) {
	if m.ent != nil || m.typ != "" || m.anaphor {
		return
	}
	// Only single capitalised words: a bare name in a membership or
	// location slot is a city ("Stuttgart, Belgrad…").
	if want[cty] && m.j-m.i == 1 && !d.notName(m) && !d.regionAfter(m) && !m.acronymLike() && (m.afterLoc || d.townCue) {
		m.typ = cty
		*pending = append(*pending, m)
		return
	}
	// Three words or more: two capitalised words are as often a person.
	if want[org] && !want[cty] && m.j-m.i >= 3 {
		m.typ = org
		*pending = append(*pending, m)
	}
}

// relativeWords open a relative clause whose subject is a name before it.
var relativeWords = map[string]bool{"що": true, "який": true, "яка": true, "яке": true, "kuris": true, "kuri": true, "kurie": true, "kurios": true}

// agentWords introduce the agent of a passive ("wdrażany przez X"): that
// name is not the clause's subject.
var agentWords = map[string]bool{"przez": true, "by": true, "durch": true, "від": true, "якими": true}

// regionAfter reports a region noun after the name: "у Черкаській
// області", "Klaipėdos rajone" are regions, not cities.
func (d *docState) regionAfter(m *mention) bool {
	return m.next != "" && regionWords[m.next]
}

var regionWords = map[string]bool{"області": true, "обл": true, "району": true, "районі": true, "район": true,
	"region": true, "regionie": true, "regionu": true, "województwie": true, "wojewodztwie": true, "województwa": true,
	"powiecie": true, "rajone": true, "rajono": true, "apskrityje": true, "apskrities": true, "oblast": true,
	"obwodzie": true, "obwodu": true, "krai": true, "kraju": true, "province": true, "county": true, "district": true}

// notName reports regions and continents, which are none of the types.
func (d *docState) notName(m *mention) bool {
	for _, lx := range d.x.lex {
		if lx.notNames.matchAt([]token{{text: m.surface, fold: graph.Fold(m.surface), kind: tWord}}, 0) > 0 {
			return true
		}
	}
	return false
}

// mtype is the type of a mention's entity, or the type it is about to get.
func mtype(m *mention) graph.EntityType {
	if m.ent != nil {
		return m.ent.typ
	}
	return m.typ
}

// sentenceEvent returns the one event a sentence names, if it names one.
func (d *docState) sentenceEvent(ms []*mention) []*mention {
	var ev *mention
	for _, m := range ms {
		if m.ent != nil && m.ent.typ == evt {
			if ev != nil && ev.ent != m.ent {
				return nil
			}
			ev = m
		}
	}
	if ev == nil {
		return nil
	}
	return []*mention{ev}
}

// neuterVerb reports a Polish neuter past form or participle in or just
// before the trigger ("zostało wybrane", "dołączyło").
func neuterVerb(toks []token, a, b int) bool {
	for k := a - 1; k < b && k < len(toks); k++ {
		if k < 0 || !toks[k].word() {
			continue
		}
		w := strings.ToLower(toks[k].text)
		if strings.HasSuffix(w, "ło") || (strings.HasSuffix(w, "ne") || strings.HasSuffix(w, "te")) && len([]rune(w)) > 5 && k >= a {
			return true
		}
	}
	return false
}

// stars counts the open-ended words of a phrase: fewer is more specific.
func stars(p pattern) int {
	n := 0
	for _, w := range p {
		if strings.HasSuffix(w, "*") {
			n++
		}
	}
	return n
}

// framework reports a "within the framework of" trigger.
func framework(p pattern) bool {
	for _, w := range p {
		for _, stem := range []string{"ramach", "рамках", "межах", "remuose", "rahmen", "within", "framework"} {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	return false
}

// cityPhrase reports a trigger that names towns ("Partnerstadt",
// "miestai partneriai", "місто-побратим", "twin city").
func cityPhrase(p pattern) bool {
	for _, w := range p {
		for _, stem := range []string{"stadt", "stadte", "miast", "miest", "мiст", "міст", "city", "cities", "town", "twin", "partnerschaft", "побратим"} {
			if strings.Contains(w, stem) {
				return true
			}
		}
	}
	return false
}

// nextPerson finds a person or body within a few words after k, past
// offices and the bodies they serve: "з Державним секретарем МЗС
// України Олександром Баньковим".
func nextPerson(s *sentence, lx *lexicon, ms []*mention, k int) *mention {
	for n := 0; k < len(s.toks) && n < 10; n++ {
		if barrier(s.toks[k]) || s.toks[k].text == "," {
			return nil
		}
		if mi := mentionAt(ms, k); mi >= 0 {
			m := ms[mi]
			if m.ent != nil && m.ent.typ == per {
				return m
			}
			k = m.j
			continue
		}
		k++
	}
	return nil
}

func mentionAt(ms []*mention, k int) int {
	for i, m := range ms {
		if k >= m.i && k < m.j {
			return i
		}
	}
	return -1
}

// expand grows a slot from mention ms[mi] into the list it heads, in
// direction dir: "A, B i C", "A, B oraz C (…)".
func (d *docState) expand(s *sentence, lx *lexicon, ms []*mention, mi, dir int, want typeSet, pending *[]*mention) []*mention {
	toks := s.toks
	out := []*mention{ms[mi]}
	cur := ms[mi]
	for {
		var k int
		if dir > 0 {
			k = cur.j
			// Skip an attachment: "(Grecja)", "z Rumunii".
			k = skipAttachment(toks, ms, lx, k)
			// "Panevėžys, Tauragė cities and Klaipėda District": the
			// town noun of the members before the coordinator.
			if k+1 < len(toks) && toks[k].word() && !toks[k].capital() && pluralTownNouns[toks[k].fold] {
				k++
			}
		} else {
			k = cur.i - 1
			// "das deutsche Teltow und das polnische Żagań": articles and
			// adjectives before a member, then the coordinator.
			for skip := 0; skip < 2 && k >= 0 && toks[k].word() && !toks[k].capital() && mentionAt(ms, k) < 0 && lx.coord.matchAt(toks, k) == 0 && !d.triggerWord(lx, toks[k]); skip++ {
				k--
			}
		}
		// One coordinator: ",", "i", "oraz", "and", "ir", "та", ", and".
		n := 0
		if k >= 0 && k < len(toks) {
			if dir > 0 {
				n = lx.coord.matchAt(toks, k)
				if n > 0 && k+n < len(toks) {
					n += lx.coord.matchAt(toks, k+n)
				}
			} else {
				for _, p := range lx.coord {
					if st := k - len(p) + 1; st >= 0 && matchPattern(p, toks, st) == len(p) && len(p) > n {
						n = len(p)
					}
				}
			}
		}
		if n == 0 {
			break
		}
		next := k + n
		if dir < 0 {
			next = k - n
		}
		// "und das polnische Żagań": articles and adjectives between;
		// "oraz Przedstawicielom z Ambasady …": an office and "from".
		for skip := 0; skip < 3 && next >= 0 && next < len(toks) && mentionAt(ms, next) < 0 && toks[next].word() && (!toks[next].capital() || d.roleWord(lx, toks, next) > 0) && !d.triggerWord(lx, toks[next]); skip++ {
			next += dir
		}
		if next < 0 || next >= len(toks) {
			break
		}
		// "oraz stowarzyszeniami władz lokalnych z Mołdawii (X) i Rumunii
		// (Y)": bodies named in brackets after their countries.
		if dir > 0 {
			if b, end := d.bracketBody(lx, toks, ms, k+n, want); b != nil {
				out = append(out, b)
				cur = &mention{i: b.i, j: end}
				continue
			}
		}
		ni := mentionAt(ms, next)
		if ni < 0 {
			break
		}
		m := ms[ni]
		if dir > 0 && m.i != next || dir < 0 && m.j-1 != next || m.anaphor {
			break
		}
		if m.ent == nil && m.typ == "" {
			d.typeLike(m, out[0], pending)
		}
		mt, ft := mtype(m), mtype(out[0])
		// Projects join bodies only in a slot that takes a project's team
		// (attended, which alone wants both persons and projects).
		actor := func(t graph.EntityType) bool { return isBody(t) || t == cty || t == prj && want[per] && want[prj] }
		delegates := dir > 0 && ft == per && isBody(mt) && d.delegatesOf(lx, toks, m)
		if !want[mt] || mt != ft && !(actor(mt) && actor(ft)) && !delegates {
			break
		}
		out = append(out, m)
		cur = m
	}
	return out
}

func isBody(t graph.EntityType) bool { return t == org || t == pub || t == net }

// typeLike types an untyped list member like the list's first member.
func (d *docState) typeLike(m, like *mention, pending *[]*mention) {
	lt := mtype(like)
	if m.typ != "" || m.anaphor || lt == "" {
		return
	}
	if lt == cty && (m.j-m.i > 1 || d.notName(m)) {
		return
	}
	// A bare word joins a list of bodies only when it could be a name of
	// its own (two words or more).
	if lt != cty && m.j-m.i < 2 {
		return
	}
	m.typ = lt
	*pending = append(*pending, m)
}

// skipAttachment steps over "(…)" and "from X" after a list member.
func skipAttachment(toks []token, ms []*mention, lx *lexicon, k int) int {
	if k < len(toks) && toks[k].text == "(" {
		for j := k + 1; j < len(toks) && j < k+12; j++ {
			if toks[j].text == ")" {
				return j + 1
			}
		}
		return k
	}
	if k < len(toks) && toks[k].word() && lx.from[toks[k].fold] {
		if mi := mentionAt(ms, k+1); mi >= 0 && ms[mi].i == k+1 {
			return ms[mi].j
		}
	}
	return k
}

// colonList takes every mention of a wanted type up to the end of the
// sentence: "took part: A, B, C".
func (d *docState) colonList(s *sentence, lx *lexicon, ms []*mention, mi int, want typeSet) []*mention {
	var out []*mention
	first := mtype(ms[mi])
	for k, m := range ms[mi:] {
		if m.ent == nil && m.typ == "" && m.j-m.i == 1 && first == cty && !d.notName(m) {
			m.typ, m.name = cty, m.surface
		}
		t := mtype(m)
		if want[t] && (t == first || isBody(t) && isBody(first)) {
			out = append(out, m)
			continue
		}
		// "…, Krzysztof Żuk oraz przedstawiciele Fundacji X": the body
		// whose delegates are listed with persons takes part itself.
		if want[t] && first == per && isBody(t) && d.delegatesOf(lx, s.toks, m) && !(mi+k+1 < len(ms) && mtype(ms[mi+k+1]) == per && ms[mi+k+1].i-m.j <= 2) {
			out = append(out, m)
		}
	}
	return out
}

// delegatesOf reports a collective noun for delegates right before a
// body's name: "przedstawiciele Fundacji", "representatives of the
// Association", "делегація Асоціації".
func (d *docState) delegatesOf(lx *lexicon, toks []token, m *mention) bool {
	k := m.i - 1
	for g := 0; g < 2 && k >= 0 && toks[k].word() && !toks[k].capital() && (lx.conn[toks[k].fold] || toks[k].fold == "of" || toks[k].fold == "the"); g++ {
		k--
	}
	return k >= 0 && toks[k].word() && lx.delegates.matchAt(toks, k) > 0
}

func samePattern(a, b pattern) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// accusativeBefore reports a Lithuanian accusative singular head noun
// (-ą, -į, -ę, -ų) opening a name or standing right before its quotes:
// "Projektą „X“", "Festivalį „X“", "Merų paktą".
func accusativeBefore(toks []token, m *mention) bool {
	h := m.i - 1 // the head noun before the name, past an opening quote
	if h >= 0 && toks[h].punct() && isOpenQuote(toks[h].text) {
		h--
	}
	for _, k := range []int{h, m.i, m.j - 1} {
		if k < 0 || k >= len(toks) || !toks[k].word() {
			continue
		}
		w := strings.ToLower(toks[k].text)
		for _, e := range []string{"ą", "į", "ę"} {
			if strings.HasSuffix(w, e) {
				return true
			}
		}
	}
	return false
}

// teamBefore reports a collective noun for a body's people ("dalyviai",
// "atstovai", "przedstawiciele") among the few words before position a
// with no name between: "projekto „X“ dalyviai aktyviai dalyvavo".
func (d *docState) teamBefore(lx *lexicon, toks []token, ms []*mention, a int) bool {
	for k := a - 1; k >= 0 && k >= a-3; k-- {
		if mentionAt(ms, k) >= 0 || barrier(toks[k]) {
			return false
		}
		if toks[k].word() && lx.delegates.matchAt(toks, k) > 0 {
			return true
		}
	}
	return false
}

// teamAfter reports a collective noun for a body's people right after
// position k (a closing quote may come first): "„X“ dalyviai".
func (d *docState) teamAfter(lx *lexicon, toks []token, ms []*mention, k int) bool {
	for ; k < len(toks) && isCloseQuote(toks[k].text); k++ {
	}
	return k < len(toks) && toks[k].word() && mentionAt(ms, k) < 0 && lx.delegates.matchAt(toks, k) > 0
}

// appositionStart returns the position of the comma that opens an
// apposition closed by the comma at k, or -1.
func appositionStart(toks []token, k int) int {
	for c := k - 1; c >= 0 && c >= k-12; c-- {
		t := toks[c]
		if t.text == "." && c > 0 && len([]rune(toks[c-1].text)) <= 3 {
			continue // "ds.", "m.in."
		}
		if barrier(t) {
			return -1
		}
		if t.text == "," {
			if c+1 < k && toks[c+1].word() && !toks[c+1].capital() {
				return c
			}
			return -1
		}
	}
	return -1
}

// bracketBody finds, within a few lower-case words from k, a country whose
// bracket names a body: "stowarzyszeniami z Rumunii (Association of
// Communes of Romania)". It returns the body and the token after the
// bracket.
func (d *docState) bracketBody(lx *lexicon, toks []token, ms []*mention, k int, want typeSet) (*mention, int) {
	for q := k; q < len(toks) && q <= k+5; q++ {
		if mi := mentionAt(ms, q); mi >= 0 {
			c := ms[mi]
			if c.i != q || c.ent == nil || c.ent.typ != ctr || c.j+2 >= len(toks) || toks[c.j].text != "(" {
				return nil, 0
			}
			bi := mentionAt(ms, c.j+1)
			// An unknown name of several words in a country's bracket,
			// in a list of bodies, is a body.
			if bi >= 0 && ms[bi].i == c.j+1 && ms[bi].ent == nil && ms[bi].typ == "" && ms[bi].j-ms[bi].i >= 2 && want[org] && ms[bi].j < len(toks) && toks[ms[bi].j].text == ")" {
				ms[bi].typ, ms[bi].name = org, ms[bi].surface
				ms[bi].ent = d.entityFor(ms[bi])
			}
			if bi < 0 || ms[bi].i != c.j+1 || ms[bi].ent == nil || !isBody(ms[bi].ent.typ) || !want[ms[bi].ent.typ] {
				return nil, 0
			}
			if e := ms[bi].j; e < len(toks) && toks[e].text == ")" {
				return ms[bi], e + 1
			}
			return nil, 0
		}
		if !toks[q].word() || toks[q].capital() {
			return nil, 0
		}
	}
	return nil, 0
}

// pluralTownNouns close a list of towns ("A, B cities and C").
var pluralTownNouns = map[string]bool{"cities": true, "towns": true, "municipalities": true, "miasta": true,
	"gminy": true, "міста": true, "громади": true, "miestai": true, "miestų": true, "miestu": true, "städte": true, "stadte": true}
