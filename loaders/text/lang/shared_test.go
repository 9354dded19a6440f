package lang

import (
	"testing"

	"github.com/ties-graph/ties/internal/sharedcorpus"
)

// TestDetectSharedCorpus checks Detect on every annotated document of the
// shared corpus against its gold language. Skips when the corpus is absent.
func TestDetectSharedCorpus(t *testing.T) {
	docs := sharedcorpus.Documents(t)
	other := 0
	for _, d := range docs {
		if got := Detect(d.Text); got != d.Lang {
			t.Errorf("Detect(%s) = %q, want %q", d.Name, got, d.Lang)
		}
		for _, sp := range DetectSentences(d.Text) {
			if sp.Lang != d.Lang {
				other++
				t.Logf("%s: %d bytes in %q", d.Name, sp.End-sp.Start, sp.Lang)
			}
		}
	}
	t.Logf("%d documents checked; %d spans in another language than their document", len(docs), other)
}
