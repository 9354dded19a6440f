package text

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
)

// TestDebugDocument prints the mentions of each sentence of the file named
// by TIES_DEBUG_DOC; it is a tool for tuning the lexicons, skipped otherwise.
func TestDebugDocument(t *testing.T) {
	name := os.Getenv("TIES_DEBUG_DOC")
	if name == "" {
		t.Skip("set TIES_DEBUG_DOC=path to print the mentions of a document")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := graph.Document{ID: name, Text: string(data)}
	doc.Language = x.detect(doc.Text)
	d := &docState{x: x, doc: &doc, lang: doc.Language, byKey: map[string]*entity{},
		acronyms: map[string]*entity{}, seen: map[string]int{}, last: map[graph.EntityType]*entity{}}
	for _, s := range splitSentences(doc.Text, x.abbrev) {
		lx := d.lexFor(&s)
		ms := d.findMentions(&s, lx)
		if os.Getenv("TIES_DEBUG_RAW") != "" {
			for _, m := range ms {
				fmt.Printf("  raw [%s|%s]", m.surface, m.typ)
			}
			fmt.Println()
		}
		d.resolve(&s, lx, ms)
		n := len(d.stmts)
		d.relate(&s, lx, ms)
		var b strings.Builder
		for _, m := range ms {
			id := "-"
			if m.ent != nil {
				id = m.ent.id
			}
			fmt.Fprintf(&b, " [%s|%s|%s]", m.surface, m.typ, id)
		}
		fmt.Printf("%s: %.70s\n  %s\n", lx.lang, s.text, b.String())
		for _, st := range d.stmts[n:] {
			fmt.Printf("  => %s %s %s (%s)\n", st.Subject.ID, st.Predicate, st.Object.ID, st.Rule)
		}
		for _, m := range ms {
			if m.ent != nil {
				d.last[m.ent.typ] = m.ent
			}
		}
	}
}
