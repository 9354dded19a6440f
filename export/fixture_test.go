package export

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
)

// The fixture: three small hand-written documents about river towns, their
// network and a forum, sharing entities. Document "b notes.md" has an ID with
// a space and a text with quotes, tabs, CR LF, a vertical tab and an emoji,
// to test escaping; it also mentions an entity in none of its statements.

var loaded = time.Date(2026, 3, 4, 5, 6, 7, 891011000, time.UTC)

var (
	torunA = graph.Entity{ID: "torun", Name: "Toruń", Type: graph.City, Aliases: []string{"Toruniu"},
		Languages: []string{"pl"}, Resolution: "gazetteer"}
	torunB  = graph.Entity{ID: "torun", Name: "Torun", Type: graph.City, Aliases: []string{"Thorn"}, Languages: []string{"en"}}
	gdansk  = graph.Entity{ID: "gdansk", Name: "Gdańsk", Type: graph.City, Aliases: []string{"Danzig"}}
	rivers  = graph.Entity{ID: "river-towns", Name: "River Towns Network", Type: graph.Network, Aliases: []string{"RTN"}}
	forum   = graph.Entity{ID: "vistula-forum-2026", Name: "Vistula Forum 2026", Type: graph.Event}
	kowal   = graph.Entity{ID: "anna-kowal", Name: "Anna Kowal", Type: graph.Person}
	fund    = graph.Entity{ID: "delta fund", Name: "Delta \"Green\" Fund", Type: graph.Project}
	ministr = graph.Entity{ID: "ministry-of-rivers", Name: "Ministry of Rivers", Type: graph.PublicBody}
)

// span returns a statement whose evidence is sentence, found in text.
func span(t testing.TB, doc, text string, s graph.Entity, p graph.Predicate, o graph.Entity, sentence string, conf float64) graph.Statement {
	t.Helper()
	i := strings.Index(text, sentence)
	if i < 0 {
		t.Fatalf("fixture: %q not in the text of %s", sentence, doc)
	}
	start := len([]rune(text[:i]))
	return graph.Statement{Subject: s, Predicate: p, Object: o, Confidence: conf, Rule: "fixture",
		Evidence: graph.Evidence{Document: doc, Sentence: sentence, Start: start, End: start + len([]rune(sentence))}}
}

func fixture(t testing.TB) []graph.Extraction {
	textA := "Toruń należy do sieci River Towns Network. Anna Kowal reprezentuje Toruń.\n" +
		"Toruń zorganizował Vistula Forum 2026."
	a := graph.Extraction{
		Document: graph.Document{ID: "a.txt", Title: "Miasta nad rzeką", Language: "pl", Source: "testdata/a.txt",
			Format: "text", LoadedAt: loaded, Text: textA},
		Entities: []graph.Entity{torunA, rivers, kowal, forum},
		Statements: []graph.Statement{
			span(t, "a.txt", textA, torunA, graph.MemberOf, rivers, "Toruń należy do sieci River Towns Network.", 0.9),
			span(t, "a.txt", textA, kowal, graph.Represents, torunA, "Anna Kowal reprezentuje Toruń.", 0.75),
			span(t, "a.txt", textA, torunA, graph.Organized, forum, "Toruń zorganizował Vistula Forum 2026.", 0.8),
		},
	}
	a.Statements[0].Start = "2019-05"

	textB := "Notes \"B\"\tfor the forum:\r\nTorun is a member of the River Towns Network \u000b since 2019 🌊.\r\n" +
		"The Delta \"Green\" Fund funded the Vistula Forum 2026. Gdańsk attended the Vistula Forum 2026.\r\n" +
		"The Ministry of Rivers was there too."
	b := graph.Extraction{
		Document: graph.Document{ID: "b notes.md", Title: "Notes \"B\" <draft> & more", Language: "en",
			Source: "testdata/b notes.md", Format: "markdown", LoadedAt: loaded.Add(90 * time.Minute), Text: textB},
		Entities: []graph.Entity{torunB, rivers, fund, forum, gdansk, ministr},
		Statements: []graph.Statement{
			span(t, "b notes.md", textB, torunB, graph.MemberOf, rivers, "Torun is a member of the River Towns Network \u000b since 2019 🌊.", 0.95),
			span(t, "b notes.md", textB, fund, graph.Funded, forum, "The Delta \"Green\" Fund funded the Vistula Forum 2026.", 0.6),
			span(t, "b notes.md", textB, gdansk, graph.Attended, forum, "Gdańsk attended the Vistula Forum 2026.", 0.7),
		},
	}
	b.Statements[0].Start, b.Statements[0].End = "2019", "2026-12-31"

	textC := "Torun und Danzig sind Partnerstädte."
	c := graph.Extraction{
		Document: graph.Document{ID: "c.de.txt", Title: "Partner", Language: "de", Source: "testdata/c.de.txt",
			Format: "text", LoadedAt: loaded.Add(3 * time.Hour), Text: textC},
		Entities: []graph.Entity{torunB, gdansk},
		Statements: []graph.Statement{
			// Stated from Toruń's side: the relation is oriented
			// gdansk → torun (lower ID first) in every export.
			span(t, "c.de.txt", textC, torunB, graph.PartnerOf, gdansk, textC, 0.85),
		},
	}
	return []graph.Extraction{a, b, c}
}

// Fixture counts, as the store reports them (checked in TestCollect).
const (
	fixtureDocuments  = 3
	fixtureEntities   = 7
	fixtureStatements = 7
	fixtureRelations  = 6
	fixturePartnerOf  = 1
)

// openFixture returns a memory store holding the fixture.
func openFixture(t testing.TB) *cayley.Store {
	t.Helper()
	return openFixtureAt(t, "memory")
}

// openFixtureAt returns a store at addr (see cayley.Open) holding the
// fixture.
func openFixtureAt(t testing.TB, addr string) *cayley.Store {
	t.Helper()
	s := openEmptyAt(t, addr)
	for _, x := range fixture(t) {
		if err := s.PutDocument(context.Background(), x); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	return s
}

func openEmpty(t testing.TB) *cayley.Store {
	t.Helper()
	return openEmptyAt(t, "memory")
}

func openEmptyAt(t testing.TB, addr string) *cayley.Store {
	t.Helper()
	s, err := cayley.Open(context.Background(), addr, cayley.Options{})
	if err != nil {
		t.Fatalf("open store %s: %v", addr, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
