package text

// mergeShortForms folds a body named by a shorter form into the one body
// of the document whose name holds that form with the same head: "Executive
// Board" and "UBC Board" are the "UBC Executive Board" named later or
// earlier (not "Fundacja X" and "Fundacja X POST", a branch). Mentions
// are resolved in reading order, so a short form met first made an entity
// of its own; the statements move to the full name.
func (d *docState) mergeShortForms() {
	for _, a := range append([]*entity(nil), d.list...) {
		if a.gaz != nil || !bodyType(a.typ) {
			continue
		}
		aw := a.forms()[0]
		if len(aw) < 2 {
			continue
		}
		// The shortest holder wins; two of the same length leave it alone.
		var into *entity
		best, n := 0, 0
		for _, b := range d.list {
			if b == a || b.typ != a.typ && !(bodyType(b.typ) && b.gaz != nil) {
				continue
			}
			for _, bw := range b.forms() {
				if len(bw) > len(aw) && sameHead(aw, bw) && subsequence(aw, bw) {
					switch {
					case into == nil || len(bw) < best:
						into, best, n = b, len(bw), 1
					case len(bw) == best && b != into:
						n++
					}
					break
				}
			}
		}
		if n == 1 {
			d.merge(a, into)
		}
	}
}

func sameHead(a, b []string) bool { return a[len(a)-1] == b[len(b)-1] }

// subsequence: every word of a stands in b, in order.
func subsequence(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// merge moves the statements, aliases and keys of a to b and drops a.
func (d *docState) merge(a, b *entity) {
	b.addAlias(a.name)
	for _, al := range a.aliases {
		b.addAlias(al)
	}
	b.note("short form " + a.name)
	for k, e := range d.byKey {
		if e == a {
			d.byKey[k] = b
		}
	}
	for k, e := range d.acronyms {
		if e == a {
			d.acronyms[k] = b
		}
	}
	kept := d.list[:0]
	for _, e := range d.list {
		if e != a {
			kept = append(kept, e)
		}
	}
	d.list = kept
	stmts := d.stmts
	d.stmts, d.seen = nil, map[string]int{}
	for _, st := range stmts {
		if st.Subject.ID == a.id {
			st.Subject.ID = b.id
		}
		if st.Object.ID == a.id {
			st.Object.ID = b.id
		}
		if st.Subject.ID == st.Object.ID {
			continue
		}
		k := st.Subject.ID + "|" + string(st.Predicate) + "|" + st.Object.ID
		if st.Predicate.Symmetric() && st.Object.ID < st.Subject.ID {
			k = st.Object.ID + "|" + string(st.Predicate) + "|" + st.Subject.ID
		}
		if i, ok := d.seen[k]; ok {
			d.stmts[i].Confidence = max(d.stmts[i].Confidence, st.Confidence)
			continue
		}
		d.seen[k] = len(d.stmts)
		d.stmts = append(d.stmts, st)
	}
}

// mergeEvents folds an event named by its kind and complement into the one
// counted event with the same head whose complement it holds: "spotkania
// Kongresu Wspólnoty Praktyków … w Strasburgu" is the "pierwsze spotkanie
// Wspólnoty Praktyków …" of the next paragraph. Two counted events
// ("pierwsze", "drugie") stay apart.
func (d *docState) mergeEvents() {
	for _, a := range append([]*entity(nil), d.list...) {
		if a.typ != evt || a.gaz != nil {
			continue
		}
		aw := a.forms()[0]
		if len(aw) < 4 || ordinalWord(aw[0]) {
			continue
		}
		var into *entity
		n := 0
		for _, b := range d.list {
			if b == a || b.typ != evt {
				continue
			}
			bw := b.forms()[0]
			if len(bw) < 4 || !ordinalWord(bw[0]) || bw[1] != aw[0] {
				continue
			}
			if rest := bw[2:]; len(rest) >= 3 && containsRun(aw[1:], rest) {
				if into != b {
					n++
				}
				into = b
			}
		}
		if n == 1 {
			d.merge(a, into)
		}
	}
}

// containsRun: run stands in ws as contiguous words.
func containsRun(ws, run []string) bool {
	for i := 0; i+len(run) <= len(ws); i++ {
		ok := true
		for j := range run {
			if ws[i+j] != run[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
