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
