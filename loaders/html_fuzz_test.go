package loaders

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzMarkup checks that sniffing and the HTML and Markdown converters
// never panic and give lines of text: valid UTF-8 (for valid input), no
// blank lines, no surrounding white space.
func FuzzMarkup(f *testing.F) {
	for _, name := range []string{"page.html", "note.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<ties:e/a> <ties:member_of> <ties:e/b> ."))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Sniff(data)
		html, _, err := HTMLText(data)
		if err != nil {
			return
		}
		md, _ := MarkdownText(string(data))
		for _, out := range []string{html, md} {
			if utf8.Valid(data) && !utf8.ValidString(out) {
				t.Errorf("invalid UTF-8 out of valid input: %q", out)
			}
			if out == "" {
				continue
			}
			for _, line := range strings.Split(out, "\n") {
				if line == "" || strings.TrimSpace(line) != line {
					t.Errorf("blank or padded line %q in %q", line, out)
				}
			}
		}
	})
}
