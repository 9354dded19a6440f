package text

import "github.com/ties-graph/ties/graph"

// respectively pairs two lists of the same length in order: "Die
// Bürgermeister von A, B und C …: X, Y und Z", "X and Y, mayors of A and B
// respectively". The office noun before the list of places or bodies says
// what the persons are; a colon before the persons or a "respectively"
// word says the order matters. Every person of the sentence must be in the
// list, so no one is paired by accident.
func (d *docState) respectively(s *sentence, lx *lexicon, ms []*mention) {
	toks := s.toks
	reps := lx.roles[graph.Represents]
	if len(reps) == 0 {
		return
	}
	resp := false
	for k := range toks {
		if lx.respectively.matchAt(toks, k) > 0 {
			resp = true
		}
	}
	for r := 0; r < len(toks); r++ {
		n := reps.matchIdx(lx.roleIdx[graph.Represents], toks, r)
		if n == 0 && lx.lang == "en" && len(toks[r].key) > 3 && toks[r].key[len(toks[r].key)-1] == 's' {
			// English plurals of the office nouns: "mayors of A and B".
			sg := toks[r]
			sg.key = sg.key[:len(sg.key)-1]
			sg.fold = sg.key
			n = reps.matchIdx(lx.roleIdx[graph.Represents], []token{sg}, 0)
		}
		if n == 0 || mentionAt(ms, r) >= 0 {
			continue
		}
		k := r + n
		for g := 0; g < 2 && k < len(toks) && toks[k].word() && !toks[k].capital() && (lx.conn[toks[k].fold] || lx.from[toks[k].fold] || toks[k].fold == "of" || toks[k].fold == "the"); g++ {
			k++
		}
		places, end := d.listAt(lx, toks, ms, k, func(m *mention) bool {
			return m.ent != nil && (m.ent.typ == cty || m.ent.typ == ctr || isBody(m.ent.typ))
		})
		if len(places) < 2 {
			continue
		}
		var persons []*mention
		for _, m := range ms {
			if m.ent != nil && m.ent.typ == per {
				persons = append(persons, m)
			}
		}
		if len(persons) != len(places) {
			return
		}
		first := persons[0]
		list, _ := d.listAt(lx, toks, ms, first.i, func(m *mention) bool { return m.ent != nil && m.ent.typ == per })
		if len(list) != len(persons) {
			return
		}
		colon := false
		for q := end; q < first.i; q++ {
			if toks[q].text == ":" {
				colon = true
			}
		}
		// Persons after the places need a colon or "respectively"; persons
		// first ("X and Y, mayors of A and B respectively") need the word.
		if first.i > end && !colon && !resp || first.i < r && !resp {
			return
		}
		for i, p := range list {
			d.add(s, p.ent, places[i].ent, graph.Represents, 0.65, lx.lang+"/role/respectively")
		}
		return
	}
}

// listAt reads a list of mentions from token k: members that pass ok,
// joined by coordinators. It returns the members and the token after the
// last.
func (d *docState) listAt(lx *lexicon, toks []token, ms []*mention, k int, ok func(*mention) bool) ([]*mention, int) {
	var out []*mention
	for k < len(toks) {
		mi := mentionAt(ms, k)
		if mi < 0 || ms[mi].i != k || !ok(ms[mi]) {
			break
		}
		out = append(out, ms[mi])
		k = ms[mi].j
		c := lx.coord.matchAt(toks, k)
		if c == 0 {
			break
		}
		// ", and", ", i"
		if c2 := lx.coord.matchAt(toks, k+c); c2 > 0 && toks[k].text == "," {
			c += c2
		}
		if next := mentionAt(ms, k+c); next < 0 || ms[next].i != k+c || !ok(ms[next]) {
			break
		}
		k += c
	}
	return out, k
}

// genitiveMembers reads the Lithuanian order "X yra Y narys" (X is Y's
// member): the body stands in the genitive right before the member noun,
// after the copula, and the member before the copula.
func (d *docState) genitiveMembers(s *sentence, lx *lexicon, ms []*mention) {
	if lx.lang != "lt" {
		return
	}
	toks := s.toks
	members := lx.roles[graph.MemberOf]
	for k := range toks {
		if members.matchAt(toks, k) == 0 || mentionAt(ms, k) >= 0 {
			continue
		}
		bi := -1
		for x, m := range ms {
			if m.j == k {
				bi = x
			}
		}
		// "Eurocities tinklo": a name and its head noun, one body.
		for bi >= 1 && ms[bi-1].j == ms[bi].i && ms[bi-1].ent != nil && ms[bi-1].ent == ms[bi].ent {
			bi--
		}
		if bi < 1 {
			continue
		}
		body := ms[bi]
		v := body.i - 1
		if v < 1 || !toks[v].word() || !ltCopula[toks[v].fold] {
			continue
		}
		subj := ms[bi-1]
		if subj.j != v || subj.ent == nil || body.ent == nil {
			continue
		}
		d.add(s, subj.ent, body.ent, graph.MemberOf, 0.75, "lt/member_of/genitive-member")
	}
}

var ltCopula = map[string]bool{"yra": true, "tapo": true, "buvo": true, "taps": true, "bus": true}
