package export

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSV file names, inside the zip or in an output folder.
const (
	NodesCSV = "nodes.csv"
	EdgesCSV = "edges.csv"
)

// NodesHeader and EdgesHeader are the CSV columns. Gephi's spreadsheet
// import reads Id/Label and Source/Target/Type/Weight as they are.
var (
	NodesHeader = []string{"Id", "Label", "type", "aliases", "languages"}
	EdgesHeader = []string{"Id", "Source", "Target", "Type", "Label", "predicate", "Weight", "confidence", "documents"}
)

// WriteNodesCSV writes one row per entity.
func WriteNodesCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	rows := [][]string{NodesHeader}
	for _, n := range g.Nodes {
		rows = append(rows, []string{n.ID, label(n), string(n.Type),
			strings.Join(n.Aliases, listSep), strings.Join(n.Languages, listSep)})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write %s: %w", NodesCSV, err)
	}
	return nil
}

// WriteEdgesCSV writes one row per relation; Type is "Undirected" for
// symmetric predicates (partner_of), "Directed" otherwise.
func WriteEdgesCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	rows := [][]string{EdgesHeader}
	for _, r := range g.Relations {
		typ := "Directed"
		if r.Predicate.Symmetric() {
			typ = "Undirected"
		}
		rows = append(rows, []string{r.ID, r.Subject.ID, r.Object.ID, typ, string(r.Predicate), string(r.Predicate),
			strconv.Itoa(weight(r)), formatFloat(r.Confidence), strings.Join(documentsOf(r), listSep)})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write %s: %w", EdgesCSV, err)
	}
	return nil
}

// zipTime is the fixed modification time of the zip entries, so that the
// same graph gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteCSVZip writes nodes.csv and edges.csv in one zip.
func WriteCSVZip(w io.Writer, g *Graph) error {
	zw := zip.NewWriter(w)
	for _, f := range []struct {
		name  string
		write func(io.Writer, *Graph) error
	}{{NodesCSV, WriteNodesCSV}, {EdgesCSV, WriteEdgesCSV}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("write zip: %w", err)
		}
		if err := f.write(fw, g); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write zip: %w", err)
	}
	return nil
}
