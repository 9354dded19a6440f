package export

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/structured"
)

// TestNQuadsRoundTrip exports the store as N-Quads, restores the file into
// an empty store and exports again: the bytes must be the same, and so must
// the documents (titles, texts, load times to the second), statements
// and entities.
func TestNQuadsRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := openFixture(t)
	var first bytes.Buffer
	if err := Write(ctx, &first, src, Options{Format: NQuads}); err != nil {
		t.Fatal(err)
	}
	if !structured.IsBackup(first.Bytes()) {
		t.Fatal("the export is not recognised as a backup")
	}
	xs, err := structured.Restore(ctx, loaders.Input{Name: "ties.nq", Data: first.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != fixtureDocuments {
		t.Fatalf("restored %d documents, want %d", len(xs), fixtureDocuments)
	}
	dst := openEmpty(t)
	for _, x := range xs {
		if err := dst.PutDocument(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	var second bytes.Buffer
	if err := Write(ctx, &second, dst, Options{Format: NQuads}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("second export differs from the first:\n%s", firstDiff(first.String(), second.String()))
	}

	for _, x := range fixture(t) {
		id := x.Document.ID
		want, err := src.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dst.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("document %q restored as %+v, want %+v", id, got, want)
		}
		ws, _ := src.DocumentStatements(ctx, id)
		gs, _ := dst.DocumentStatements(ctx, id)
		if !reflect.DeepEqual(gs, ws) {
			t.Errorf("statements of %q restored as %+v, want %+v", id, gs, ws)
		}
	}
	ws, _ := src.Stats(ctx)
	gs, _ := dst.Stats(ctx)
	if gs != ws {
		t.Errorf("restored store stats %+v, want %+v", gs, ws)
	}
	ids := []string{"torun", "gdansk", "delta fund", "ministry-of-rivers"}
	we, _ := src.Entities(ctx, ids)
	ge, _ := dst.Entities(ctx, ids)
	if !reflect.DeepEqual(ge, we) {
		t.Errorf("restored entities %+v, want %+v", ge, we)
	}

	// One document's quads restore that document alone.
	var one bytes.Buffer
	if err := Write(ctx, &one, src, Options{Format: NQuads, Document: "b notes.md"}); err != nil {
		t.Fatal(err)
	}
	xs, err = structured.Restore(ctx, loaders.Input{Name: "b.nq", Data: one.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != 1 || xs[0].Document.ID != "b notes.md" || len(xs[0].Statements) != 3 {
		t.Errorf("restored %d documents from one document's quads; want b notes.md with 3 statements", len(xs))
	}
}

func TestRestoreErrors(t *testing.T) {
	ctx := context.Background()
	const doc = "<ties:d/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <ties:Document> <ties:d/x> .\n"
	tests := []struct {
		name, data, msg string
	}{
		{"empty", "# nothing\n", "no N-Quads"},
		{"malformed", doc + "<ties:d/x> <ties:title> \"open <ties:d/x> .\n", "b.nq:2: malformed N-Quad"},
		{"no label", doc + "<ties:e/a> <http://schema.org/name> \"A\" .\n", "b.nq:2: quad without a document label"},
		{"unknown document field", doc + "<ties:d/x> <ties:colour> \"red\" <ties:d/x> .\n", "b.nq:2: unknown document field <ties:colour>"},
		{"unknown type", doc + "<ties:e/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <ties:type/Dragon> <ties:d/x> .\n", "unknown type"},
		{"statement lacking fields", doc + "<ties:d/x> <ties:statement> <ties:s/s1> <ties:d/x> .\n<ties:s/s1> <ties:subject> <ties:e/a> <ties:d/x> .\n", "lacks ties:predicate"},
		{"untyped document", "<ties:d/x> <ties:title> \"T\" <ties:d/x> .\n", `b.nq:1: document "x": no <ties:Document> type quad`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := structured.Restore(ctx, loaders.Input{Name: "b.nq", Source: "b.nq", Data: []byte(tt.data)})
			if err == nil || graph.ErrorCode(err) != graph.EINVALID || !bytes.Contains([]byte(err.Error()), []byte(tt.msg)) {
				t.Fatalf("Restore = %v, want EINVALID error with %q", err, tt.msg)
			}
		})
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	la, lb := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return "first: " + string(la[i]) + "\nsecond: " + string(lb[i])
		}
	}
	return "one is a prefix of the other"
}
