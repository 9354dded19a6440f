package export

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

type graphmlDoc struct {
	XMLName        xml.Name     `xml:"graphml"`
	XMLNS          string       `xml:"xmlns,attr"`
	XSI            string       `xml:"xmlns:xsi,attr"`
	SchemaLocation string       `xml:"xsi:schemaLocation,attr"`
	Keys           []graphmlKey `xml:"key"`
	Graph          graphmlGraph `xml:"graph"`
}

type graphmlKey struct {
	ID       string `xml:"id,attr"`
	For      string `xml:"for,attr"`
	AttrName string `xml:"attr.name,attr"`
	AttrType string `xml:"attr.type,attr"`
}

type graphmlGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphmlNode `xml:"node"`
	Edges       []graphmlEdge `xml:"edge"`
}

type graphmlNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// WriteGraphML writes g as GraphML: node keys type, name (also as label,
// which Gephi and yEd show), aliases and languages; edge keys predicate
// (also as label), weight (the number of evidences), confidence and
// documents. Every edge is directed: GraphML readers (NetworkX among them)
// refuse mixed graphs, so partner_of keeps its stored orientation and the
// key "symmetric" marks it.
func WriteGraphML(w io.Writer, g *Graph) error {
	doc := graphmlDoc{
		XMLNS:          "http://graphml.graphdrawing.org/xmlns",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Keys: []graphmlKey{
			{ID: "type", For: "node", AttrName: "type", AttrType: "string"},
			{ID: "name", For: "node", AttrName: "name", AttrType: "string"},
			{ID: "label", For: "node", AttrName: "label", AttrType: "string"},
			{ID: "aliases", For: "node", AttrName: "aliases", AttrType: "string"},
			{ID: "languages", For: "node", AttrName: "languages", AttrType: "string"},
			{ID: "predicate", For: "edge", AttrName: "predicate", AttrType: "string"},
			{ID: "elabel", For: "edge", AttrName: "label", AttrType: "string"},
			{ID: "weight", For: "edge", AttrName: "weight", AttrType: "int"},
			{ID: "confidence", For: "edge", AttrName: "confidence", AttrType: "double"},
			{ID: "symmetric", For: "edge", AttrName: "symmetric", AttrType: "boolean"},
			{ID: "documents", For: "edge", AttrName: "documents", AttrType: "string"},
		},
		Graph: graphmlGraph{ID: "ties", EdgeDefault: "directed"},
	}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphmlNode{ID: n.ID, Data: []graphmlData{
			{Key: "type", Value: string(n.Type)},
			{Key: "name", Value: n.Name},
			{Key: "label", Value: label(n)},
			{Key: "aliases", Value: strings.Join(n.Aliases, listSep)},
			{Key: "languages", Value: strings.Join(n.Languages, listSep)},
		}})
	}
	for _, r := range g.Relations {
		doc.Graph.Edges = append(doc.Graph.Edges, graphmlEdge{ID: r.ID, Source: r.Subject.ID, Target: r.Object.ID,
			Data: []graphmlData{
				{Key: "predicate", Value: string(r.Predicate)},
				{Key: "elabel", Value: string(r.Predicate)},
				{Key: "weight", Value: strconv.Itoa(weight(r))},
				{Key: "confidence", Value: formatFloat(r.Confidence)},
				{Key: "symmetric", Value: strconv.FormatBool(r.Predicate.Symmetric())},
				{Key: "documents", Value: strings.Join(documentsOf(r), listSep)},
			}})
	}
	return writeXML(w, doc, "GraphML")
}
