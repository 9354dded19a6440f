package structured

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// FuzzLoaders feeds arbitrary bytes to every loader: none may panic, and a
// success must be a well-formed extraction. `go test` runs the testdata
// files as seeds; `go test -fuzz FuzzLoaders` explores further.
func FuzzLoaders(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range Loaders(Options{}) {
			x, err := l.Load(context.Background(), loaders.Input{Name: "f", Data: data})
			if err != nil {
				if graph.ErrorCode(err) != graph.EINVALID {
					t.Errorf("%s: error %v has code %q, want %q", l.Format(), err, graph.ErrorCode(err), graph.EINVALID)
				}
				continue
			}
			n := len([]rune(x.Document.Text))
			for _, s := range x.Statements {
				if s.Subject.ID == "" || s.Object.ID == "" || !s.Predicate.Valid() {
					t.Errorf("%s: incomplete statement %+v", l.Format(), s)
				}
				if s.Evidence.Start < 0 || s.Evidence.End < s.Evidence.Start || s.Evidence.End > n {
					t.Errorf("%s: evidence %d..%d outside %d code points", l.Format(), s.Evidence.Start, s.Evidence.End, n)
				}
				if s.Confidence < 0 || s.Confidence > 1 {
					t.Errorf("%s: confidence %v", l.Format(), s.Confidence)
				}
			}
		}
	})
}
