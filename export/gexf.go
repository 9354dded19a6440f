package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// listSep joins list values (aliases, languages, documents) in one
// attribute value: GEXF and GraphML readers disagree on list types.
const listSep = " | "

type gexfDoc struct {
	XMLName        xml.Name  `xml:"gexf"`
	XMLNS          string    `xml:"xmlns,attr"`
	XSI            string    `xml:"xmlns:xsi,attr"`
	SchemaLocation string    `xml:"xsi:schemaLocation,attr"`
	Version        string    `xml:"version,attr"`
	Meta           gexfMeta  `xml:"meta"`
	Graph          gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Mode            string           `xml:"mode,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string     `xml:"class,attr"`
	Attrs []gexfAttr `xml:"attribute"`
}

type gexfAttr struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Type   string      `xml:"type,attr,omitempty"`
	Label  string      `xml:"label,attr"`
	Weight int         `xml:"weight,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// WriteGEXF writes g as GEXF 1.3 for Gephi: nodes labelled with their
// names, with type, aliases and languages as attributes; one edge per
// relation, labelled with its predicate, weighted by its number of
// evidences. Edges are directed except partner_of, which is "mutual" (both
// ways) since the tie is symmetric.
func WriteGEXF(w io.Writer, g *Graph) error {
	doc := gexfDoc{
		XMLNS:          "http://gexf.net/1.3",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
		Version:        "1.3",
		Meta:           gexfMeta{Creator: "ties", Description: description(g)},
		Graph: gexfGraph{
			DefaultEdgeType: "directed",
			Mode:            "static",
			Attributes: []gexfAttributes{
				{Class: "node", Attrs: []gexfAttr{
					{ID: "type", Title: "type", Type: "string"},
					{ID: "aliases", Title: "aliases", Type: "string"},
					{ID: "languages", Title: "languages", Type: "string"},
				}},
				{Class: "edge", Attrs: []gexfAttr{
					{ID: "predicate", Title: "predicate", Type: "string"},
					{ID: "confidence", Title: "confidence", Type: "double"},
					{ID: "documents", Title: "documents", Type: "string"},
				}},
			},
		},
	}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: n.ID, Label: label(n), Values: values(
			gexfValue{For: "type", Value: string(n.Type)},
			gexfValue{For: "aliases", Value: strings.Join(n.Aliases, listSep)},
			gexfValue{For: "languages", Value: strings.Join(n.Languages, listSep)},
		)})
	}
	for _, r := range g.Relations {
		e := gexfEdge{ID: r.ID, Source: r.Subject.ID, Target: r.Object.ID, Label: string(r.Predicate),
			Weight: weight(r), Values: []gexfValue{
				{For: "predicate", Value: string(r.Predicate)},
				{For: "confidence", Value: formatFloat(r.Confidence)},
				{For: "documents", Value: strings.Join(documentsOf(r), listSep)},
			}}
		if r.Predicate.Symmetric() {
			e.Type = "mutual"
		}
		doc.Graph.Edges = append(doc.Graph.Edges, e)
	}
	return writeXML(w, doc, "GEXF")
}

// values drops empty attribute values: an absent value reads as unknown.
func values(vs ...gexfValue) []gexfValue {
	out := vs[:0]
	for _, v := range vs {
		if v.Value != "" {
			out = append(out, v)
		}
	}
	return out
}

func writeXML(w io.Writer, v any, what string) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// label is an entity's display name, its ID when it has none.
func label(e graph.Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return e.ID
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func description(g *Graph) string {
	s := fmt.Sprintf("ties graph: %d entities, %d relations, %d statements", len(g.Nodes), len(g.Relations), len(g.Statements))
	if g.Truncated {
		s += " (cut at the node limit)"
	}
	return s
}
