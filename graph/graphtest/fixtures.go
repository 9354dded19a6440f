package graphtest

import (
	"fmt"
	"time"

	"github.com/ties-graph/ties/graph"
)

// The fixtures are small hand-written facts about cities and city networks,
// split over documents so that entities are shared between them.

var loaded = time.Date(2026, 11, 2, 10, 30, 15, 0, time.UTC) // stores keep load times to the second

var (
	krakowA = graph.Entity{ID: "krakow", Name: "Kraków", Type: graph.City,
		Aliases: []string{"Krakowie"}, Languages: []string{"pl"}, Resolution: "gazetteer"}
	krakowB = graph.Entity{ID: "krakow", Name: "Krakow", Type: graph.City,
		Aliases: []string{"Cracow"}, Languages: []string{"en"}}
	warsaw     = graph.Entity{ID: "warszawa", Name: "Warszawa", Type: graph.City, Aliases: []string{"Warszawie"}}
	poland     = graph.Entity{ID: "poland", Name: "Polska", Type: graph.Country, Aliases: []string{"Polsce"}}
	eurocities = graph.Entity{ID: "eurocities", Name: "Eurocities", Type: graph.Network}
	lviv       = graph.Entity{ID: "lviv", Name: "Lviv", Type: graph.City, Aliases: []string{"Львів", "Lwów"}}
	coe        = graph.Entity{ID: "council-of-europe", Name: "Council of Europe", Type: graph.PublicBody,
		Aliases: []string{"Rada Europy", "Рада Європи"}}
	ktp = graph.Entity{ID: "krakow-technology-park", Name: "Kraków Technology Park", Type: graph.Organization}
	// nowhere is an entity only document c mentions.
	vilnius = graph.Entity{ID: "vilnius", Name: "Vilnius", Type: graph.City, Aliases: []string{"Wilno"}}
)

func stmt(doc string, s graph.Entity, p graph.Predicate, o graph.Entity, start int, sentence string, conf float64) graph.Statement {
	return graph.Statement{Subject: s, Predicate: p, Object: o, Confidence: conf, Rule: "test",
		Evidence: graph.Evidence{Document: doc, Sentence: sentence, Start: start, End: start + len([]rune(sentence))}}
}

// docA is Polish: Kraków and Warsaw in Eurocities, Kraków in Poland.
func docA() graph.Extraction {
	text := "Kraków należy do sieci Eurocities. Kraków leży w Polsce. Warszawa też należy do Eurocities."
	x := graph.Extraction{
		Document: graph.Document{ID: "a.txt", Title: "Miasta", Language: "pl", Source: "testdata/a.txt",
			Format: "text", LoadedAt: loaded, Text: text},
		Entities: []graph.Entity{krakowA, warsaw, poland, eurocities},
		Statements: []graph.Statement{
			stmt("a.txt", krakowA, graph.MemberOf, eurocities, 0, "Kraków należy do sieci Eurocities.", 0.9),
			stmt("a.txt", krakowA, graph.LocatedIn, poland, 35, "Kraków leży w Polsce.", 0.8),
			stmt("a.txt", warsaw, graph.MemberOf, eurocities, 57, "Warszawa też należy do Eurocities.", 0.7),
		},
	}
	x.Statements[2].Start = "2019"
	return x
}

// docB is English: Kraków and Lviv partners, both in Eurocities, the
// Council of Europe supports Eurocities.
func docB() graph.Extraction {
	text := "Krakow and Lviv signed a partnership. Lviv joined Eurocities. Krakow is a Eurocities member. " +
		"The Council of Europe supported Eurocities. Kraków Technology Park opened."
	return graph.Extraction{
		Document: graph.Document{ID: "b.txt", Title: "Cities", Language: "en", Source: "testdata/b.txt",
			Format: "text", LoadedAt: loaded.Add(time.Hour), Text: text},
		Entities: []graph.Entity{krakowB, lviv, eurocities, coe, ktp},
		Statements: []graph.Statement{
			stmt("b.txt", krakowB, graph.PartnerOf, lviv, 0, "Krakow and Lviv signed a partnership.", 0.6),
			stmt("b.txt", lviv, graph.MemberOf, eurocities, 38, "Lviv joined Eurocities.", 0.9),
			stmt("b.txt", krakowB, graph.MemberOf, eurocities, 62, "Krakow is a Eurocities member.", 0.95),
			stmt("b.txt", coe, graph.Supported, eurocities, 93, "The Council of Europe supported Eurocities.", 0.5),
		},
	}
}

// docC is the document the concurrency test writes and removes.
func docC() graph.Extraction {
	text := "Vilnius is a member of Eurocities."
	return graph.Extraction{
		Document: graph.Document{ID: "c.txt", Title: "Vilnius", Language: "en", Format: "text",
			LoadedAt: loaded, Text: text},
		Entities: []graph.Entity{vilnius, eurocities},
		Statements: []graph.Statement{
			stmt("c.txt", vilnius, graph.MemberOf, eurocities, 0, text, 0.9),
			stmt("c.txt", vilnius, graph.PartnerOf, lviv, 0, text, 0.4),
		},
	}
}

// hubDoc is a network with many members, partners in both directions (a
// symmetric relation stated both ways once), a self-loop and a tie stated
// twice: pages of its relations cross every kind.
func hubDoc(version int) graph.Extraction {
	hub := graph.Entity{ID: "hub-network", Name: "Hub Network", Type: graph.Network}
	x := graph.Extraction{
		Document: graph.Document{ID: "hub.txt", Title: "Hub", Language: "en", Format: "text", LoadedAt: loaded},
		Entities: []graph.Entity{hub},
	}
	at := 0
	add := func(s graph.Entity, p graph.Predicate, o graph.Entity) {
		x.Statements = append(x.Statements, stmt("hub.txt", s, p, o, at, "A sentence.", 0.5+float64(at%5)/10))
		at += 12
	}
	for i := range 12 - version {
		m := graph.Entity{ID: fmt.Sprintf("member-%02d", i), Name: fmt.Sprintf("Member %d", i), Type: graph.City}
		add(m, graph.MemberOf, hub)
		if i%3 == 0 {
			add(m, graph.MemberOf, hub) // a second statement of the same tie
		}
		if i%4 == 1 {
			add(hub, graph.PartnerOf, m)
		}
		if i%4 == 2 {
			add(m, graph.PartnerOf, hub)
			add(hub, graph.PartnerOf, m)
		}
	}
	add(hub, graph.Supported, eurocities)
	add(hub, graph.MemberOf, hub)
	return x
}
