package structured

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func load(t *testing.T, l loaders.Loader, file string) (graph.Extraction, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return l.Load(context.Background(), loaders.Input{Name: file, Source: "testdata/" + file, Data: data})
}

// render prints an extraction in a form that is easy to review in a golden
// file.
func render(x graph.Extraction) string {
	var b strings.Builder
	fmt.Fprintf(&b, "document %s format=%s title=%s\n", x.Document.ID, x.Document.Format, x.Document.Title)
	for _, e := range x.Entities {
		fmt.Fprintf(&b, "entity %s %q %s aliases=%q langs=%q\n", e.ID, e.Name, e.Type, e.Aliases, e.Languages)
	}
	for _, s := range x.Statements {
		fmt.Fprintf(&b, "statement %s -%s-> %s conf=%v rule=%s dates=%s..%s ev=%s@%d-%d %q\n",
			s.Subject.ID, s.Predicate, s.Object.ID, s.Confidence, s.Rule, s.Start, s.End,
			s.Evidence.Document, s.Evidence.Start, s.Evidence.End, s.Evidence.Sentence)
	}
	return b.String()
}

func TestLoadGolden(t *testing.T) {
	tests := []struct {
		file   string
		loader loaders.Loader
	}{
		{"edges.nq", &NQuads{}},
		{"export.nq", &NQuads{}},
		{"edges.csv", &CSV{}},
		{"gephi_edges.csv", &CSV{}},
		{"records.jsonl", &JSONLines{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			x, err := load(t, tt.loader, tt.file)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			checkOffsets(t, x)
			got := render(x)
			golden := filepath.Join("testdata", tt.file+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("extraction differs from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// checkOffsets asserts that every statement's evidence lies inside the
// document text, on the line it was read from.
func checkOffsets(t *testing.T, x graph.Extraction) {
	t.Helper()
	rs := []rune(x.Document.Text)
	for i, s := range x.Statements {
		ev := s.Evidence
		if ev.Document != x.Document.ID {
			t.Errorf("statement %d: evidence document %q, want %q", i, ev.Document, x.Document.ID)
		}
		if ev.Start < 0 || ev.End < ev.Start || ev.End > len(rs) {
			t.Errorf("statement %d: offsets %d..%d outside the text (%d code points)", i, ev.Start, ev.End, len(rs))
			continue
		}
		if span := string(rs[ev.Start:ev.End]); strings.Contains(span, "\n") && !strings.Contains(ev.Sentence, "\n") {
			t.Errorf("statement %d: span %q crosses lines", i, span)
		}
		if !s.Predicate.Valid() || s.Subject.ID == "" || s.Object.ID == "" {
			t.Errorf("statement %d: incomplete %+v", i, s)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file   string
		loader loaders.Loader
		want   []string // substrings of the error
	}{
		{"bad_line.nq", &NQuads{}, []string{"testdata/bad_line.nq:2:", "malformed N-Quad"}},
		{"bad_type.nq", &NQuads{}, []string{"bad_type.nq:1:", "unknown entity type", "Town"}},
		{"bad_pred.nq", &NQuads{}, []string{"bad_pred.nq:2:", "unknown predicate", "knows"}},
		{"bad_stmt.nq", &NQuads{}, []string{"bad_stmt.nq:1:", "lacks ties:subject, ties:predicate or ties:object"}},
		{"bad_pred.csv", &CSV{}, []string{"bad_pred.csv:3:", "column 2 (predicate)", `"knows"`}},
		{"bad_conf.csv", &CSV{}, []string{"bad_conf.csv:2:", "column 4 (confidence)", "1.5"}},
		{"bad_col.csv", &CSV{}, []string{"bad_col.csv:1:", "column 4", `unknown column "colour"`}},
		{"no_pred.csv", &CSV{}, []string{"no_pred.csv:1:", `lacks the "predicate" column`}},
		{"bad_type.csv", &CSV{}, []string{"bad_type.csv:2:", "column 4 (subject_type)", "Town"}},
		{"bad_quote.csv", &CSV{}, []string{"bad_quote.csv:2:", "column"}},
		{"empty_subject.csv", &CSV{}, []string{"empty_subject.csv:2:", "column 1 (subject)", "empty subject"}},
		{"bad_field.jsonl", &JSONLines{}, []string{"bad_field.jsonl:2:", "colour"}},
		{"bad_json.jsonl", &JSONLines{}, []string{"bad_json.jsonl:2:", "not a record"}},
		{"bad_pred.jsonl", &JSONLines{}, []string{"bad_pred.jsonl:1:", "unknown predicate", "likes"}},
		{"bad_type.jsonl", &JSONLines{}, []string{"bad_type.jsonl:1:", "unknown entity type", "Town"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			x, err := load(t, tt.loader, tt.file)
			if err == nil {
				t.Fatalf("Load succeeded with %d statements, want an error", len(x.Statements))
			}
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Errorf("code %q, want %q (%v)", graph.ErrorCode(err), graph.EINVALID, err)
			}
			if len(x.Statements) > 0 || len(x.Entities) > 0 {
				t.Errorf("failed Load returned a partial extraction: %d statements", len(x.Statements))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestNQuadsWarnsSkipped checks that quads outside the vocabulary are
// counted in a warning rather than failing the document.
func TestNQuadsWarnsSkipped(t *testing.T) {
	var logs bytes.Buffer
	l := &NQuads{Logger: newLogger(&logs)}
	if _, err := load(t, l, "edges.nq"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"WARN", "quads=2", "foaf/0.1/knows"} {
		if !strings.Contains(logs.String(), w) {
			t.Errorf("log %q lacks %q", logs.String(), w)
		}
	}
}

// TestRecordsRoundTrip loads what loaders.WriteRecords prints and gets the
// same ties back.
func TestRecordsRoundTrip(t *testing.T) {
	x, err := load(t, &CSV{}, "edges.csv")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := loaders.WriteRecords(&buf, loaders.Records(x)); err != nil {
		t.Fatal(err)
	}
	y, err := (&JSONLines{}).Load(context.Background(), loaders.Input{Name: "out.jsonl", Data: buf.Bytes()})
	if err != nil {
		t.Fatalf("load records back: %v\n%s", err, buf.String())
	}
	if len(y.Statements) != len(x.Statements) {
		t.Fatalf("%d statements back, want %d", len(y.Statements), len(x.Statements))
	}
	for i := range x.Statements {
		a, b := x.Statements[i], y.Statements[i]
		if a.Subject.ID != b.Subject.ID || a.Predicate != b.Predicate || a.Object.ID != b.Object.ID ||
			a.Confidence != b.Confidence || a.Start != b.Start || a.End != b.End ||
			a.Evidence.Sentence != b.Evidence.Sentence || a.Subject.Type != b.Subject.Type {
			t.Errorf("statement %d: %+v\nback as %+v", i, a, b)
		}
	}
}

func TestNormalise(t *testing.T) {
	preds := map[string]graph.Predicate{"member_of": graph.MemberOf, "Member of": graph.MemberOf,
		"memberOf": graph.MemberOf, "PARTNER-OF": graph.PartnerOf, "located_in": graph.LocatedIn}
	for in, want := range preds {
		t.Run(in, func(t *testing.T) {
			if got, ok := parsePredicate(in); !ok || got != want {
				t.Errorf("parsePredicate(%q) = %q, %v; want %q", in, got, ok, want)
			}
		})
	}
	for _, in := range []string{"knows", "member", ""} {
		if got, ok := parsePredicate(in); ok {
			t.Errorf("parsePredicate(%q) = %q, want not ok", in, got)
		}
	}
	types := map[string]graph.EntityType{"city": graph.City, "public_body": graph.PublicBody,
		"PublicBody": graph.PublicBody, "NETWORK": graph.Network}
	for in, want := range types {
		if got, ok := parseType(in); !ok || got != want {
			t.Errorf("parseType(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
