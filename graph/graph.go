// Package graph holds the domain of ties: the actors, events and networks that
// documents name (entities), the ties between them (statements, aggregated into
// relations) with the evidence for each, and the Store that keeps them.
//
// Storage and transport live in sub-packages and in other packages
// (graph/cayley, server, loaders); they depend on this package, never the
// other way round.
package graph

import (
	"time"
)

// EntityType is the kind of an actor or thing in the graph.
type EntityType string

// The entity types of the vocabulary (../shared/gold/vocabulary.md).
const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	PublicBody   EntityType = "PublicBody"
	City         EntityType = "City"
	Country      EntityType = "Country"
	Network      EntityType = "Network"
	Event        EntityType = "Event"
	Project      EntityType = "Project"
)

// EntityTypes lists every entity type in a stable order.
var EntityTypes = []EntityType{Person, Organization, PublicBody, City, Country, Network, Event, Project}

// Valid reports whether t is one of the vocabulary's entity types.
func (t EntityType) Valid() bool {
	for _, x := range EntityTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Predicate is the kind of a tie between two entities.
type Predicate string

// The eleven predicates of the vocabulary.
const (
	MemberOf    Predicate = "member_of"
	Represents  Predicate = "represents"
	Attended    Predicate = "attended"
	Organized   Predicate = "organized"
	LocatedIn   Predicate = "located_in"
	PartOf      Predicate = "part_of"
	Founded     Predicate = "founded"
	Funded      Predicate = "funded"
	Supported   Predicate = "supported"
	Coordinates Predicate = "coordinates"
	PartnerOf   Predicate = "partner_of"
)

// Predicates lists every predicate in a stable order.
var Predicates = []Predicate{MemberOf, Represents, Attended, Organized, LocatedIn, PartOf,
	Founded, Funded, Supported, Coordinates, PartnerOf}

// Valid reports whether p is one of the vocabulary's predicates.
func (p Predicate) Valid() bool {
	for _, x := range Predicates {
		if x == p {
			return true
		}
	}
	return false
}

// Symmetric reports whether the tie holds in both directions (partner_of).
func (p Predicate) Symmetric() bool { return p == PartnerOf }

// Entity is one real-world actor or thing, with one stable ID across documents.
type Entity struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Type      EntityType `json:"type"`
	Aliases   []string   `json:"aliases"`
	Languages []string   `json:"languages,omitempty"`
	// Resolution says why mentions were taken to be this entity (gazetteer
	// entry, acronym, inflected form…), so a merge can be checked.
	Resolution string `json:"resolution,omitempty"`
}

// Evidence is the place in a document a statement was read from.
type Evidence struct {
	Document string `json:"document"`
	Sentence string `json:"sentence"`
	// Start and End are offsets of the sentence in the document text,
	// counted in Unicode code points, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Statement is one tie as one document states it.
type Statement struct {
	Subject    Entity    `json:"subject"`
	Predicate  Predicate `json:"predicate"`
	Object     Entity    `json:"object"`
	Evidence   Evidence  `json:"-"`
	Confidence float64   `json:"confidence"`
	// Rule names the pattern or loader that produced the statement.
	Rule string `json:"rule,omitempty"`
	// Start and End are the dates the tie holds or the event happens, as
	// ISO 8601 dates (possibly partial: "2025", "2025-06"), empty when unknown.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Document is one loaded source.
type Document struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Language string `json:"language"`
	Source   string `json:"source"`
	Format   string `json:"format"`
	// LoadedAt is when the document was stored, kept to the second.
	LoadedAt time.Time `json:"loadedAt"`
	// Text is the document's plain text, the one evidence offsets point into.
	Text string `json:"-"`
}

// Extraction is everything one document contributes to the graph: the store
// writes, replaces or removes it as one unit.
type Extraction struct {
	Document   Document
	Entities   []Entity
	Statements []Statement
}

// Relation is a tie between two entities with all the evidence for it, across
// documents.
type Relation struct {
	ID         string
	Subject    Entity
	Predicate  Predicate
	Object     Entity
	Confidence float64
	Evidence   []RelationEvidence
}

// RelationEvidence is one statement's support for a relation.
type RelationEvidence struct {
	Evidence
	Confidence float64
	Rule       string
	Start, End string
}

// Direction selects which relations of an entity to return.
type Direction string

// Directions of a relation as seen from one entity.
const (
	Outgoing Direction = "OUT"
	Incoming Direction = "IN"
	Both     Direction = "BOTH"
)

// Edge is one relation in a subgraph, without its evidence.
type Edge struct {
	ID        string
	Source    string
	Target    string
	Predicate Predicate
	// Weight is the number of statements (evidences) behind the edge.
	Weight int
}

// Subgraph is a set of entities and the edges among them.
type Subgraph struct {
	Nodes []Entity
	Edges []Edge
	// Truncated is set when limits cut the subgraph short.
	Truncated bool
}

// Path is a chain of edges from one entity to another; Nodes has one more
// element than Edges.
type Path struct {
	Nodes []Entity
	Edges []Edge
}

// SearchHit is one entity found by Search with its rank score.
type SearchHit struct {
	Entity Entity
	Score  float64
	// Matched is the name or alias that matched.
	Matched string
}

// Stats counts what a store holds.
type Stats struct {
	Documents  int `json:"documents"`
	Entities   int `json:"entities"`
	Statements int `json:"statements"`
	Relations  int `json:"relations"`
	Quads      int `json:"quads"`
}
