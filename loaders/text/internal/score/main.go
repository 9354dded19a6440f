// Command score runs the text extractor over text files and writes the
// JSON lines `ties extract` prints, for ../shared/eval/score.py.
//
// Usage: go run ./loaders/text/internal/score -o out.jsonl FILE...
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/text"
	"github.com/ties-graph/ties/loaders/text/morph"
)

func main() {
	out := flag.String("o", "-", "output file, - for standard output")
	dicts := flag.String("morph", "", "hunspell directory to load morphology from (empty: none)")
	flag.Parse()
	if err := run(context.Background(), *out, *dicts, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "score:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out, dicts string, files []string) error {
	opt := text.Options{Logger: slog.Default()}
	if dicts != "" {
		m, err := morph.Open(ctx, morph.Options{Dir: dicts, Logger: slog.Default()})
		if err != nil {
			return fmt.Errorf("open morphology in %s: %w", dicts, err)
		}
		opt.Morph = m
	}
	x, err := text.New(ctx, opt)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return fmt.Errorf("create %s: %w", out, err)
		}
		defer f.Close()
		w = bufio.NewWriter(f)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		ex, err := x.Load(ctx, loaders.Input{Name: filepath.Base(name), Source: name, Format: "text", Data: data})
		if err != nil {
			return err
		}
		if err := loaders.WriteRecords(w, loaders.Records(ex)); err != nil {
			return fmt.Errorf("write %s: %w", out, err)
		}
	}
	return w.Flush()
}
