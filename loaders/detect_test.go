package loaders

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		limit int64
		want  string // substring of the error; "" for none
	}{
		{"ok", "Kraków is a city.", 0, ""},
		{"bom", "\ufeffKraków", 0, ""},
		{"empty", "", 0, "empty file"},
		{"blank", " \n\t\n", 0, "empty file"},
		{"bom only", "\ufeff", 0, "empty file"},
		{"binary", "PK\x03\x04\x00\x00abc", 0, "binary file, not text (NUL byte at offset 4)"},
		{"latin2", "first line\nKrak\xf3w", 0, "invalid UTF-8 at line 2 (byte offset 15)"},
		{"too big", strings.Repeat("a", 11), 10, "11 bytes, over the 10 byte limit"},
		{"at limit", strings.Repeat("a", 10), 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check("dir/f.txt", []byte(tt.data), tt.limit)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Check passed, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "dir/f.txt") {
				t.Errorf("error %q lacks %q or the file name", err, tt.want)
			}
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Errorf("code %q, want %q", graph.ErrorCode(err), graph.EINVALID)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"html doctype", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"},
		{"html fragment", "\n  <p>Kraków hosted the forum.</p>", "html"},
		{"nquads", "# comment\n<ties:e/a> <ties:member_of> <ties:e/b> .\n", "nquads"},
		{"nquads bnode", "_:b1 <schema:name> \"A\"@pl .", "nquads"},
		{"jsonl", `{"subject":{"name":"A"},"predicate":"member_of","object":{"name":"B"}}`, "jsonl"},
		{"csv", "Subject;Predicate;Object\nA;member_of;B\n", "csv"},
		{"markdown", "# Title\n\nSome **bold** text and a [link](http://x).\n", "markdown"},
		{"text", "Kraków hosted the forum. Lviv attended.\nNew paragraph.", "text"},
		{"text with dash", "- only one list-like line in a long text\nand more text\nand more", "text"},
		{"text with angle", "<3 cities signed the memorandum.", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.data)); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMarkupText(t *testing.T) {
	tests := []struct {
		file, title string
		convert     func([]byte) (string, string)
	}{
		{"page.html", "Mayors meet in Vilnius | City News", func(b []byte) (string, string) {
			text, title, err := HTMLText(b)
			if err != nil {
				t.Fatal(err)
			}
			return text, title
		}},
		{"note.md", "Ombudsman meeting in Gdańsk", func(b []byte) (string, string) { return MarkdownText(string(b)) }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", tt.file+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			text, title := tt.convert(data)
			if text != strings.TrimRight(string(want), "\n") {
				t.Errorf("text:\n%s\nwant:\n%s", text, want)
			}
			if title != tt.title {
				t.Errorf("title %q, want %q", title, tt.title)
			}
		})
	}
}

func TestHTMLTitleFromH1(t *testing.T) {
	_, title, err := HTMLText([]byte("<body><h1>Council <b>session</b></h1><p>Text.</p></body>"))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Council session" {
		t.Errorf("title %q, want %q", title, "Council session")
	}
}
