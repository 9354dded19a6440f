package command

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/structured"
)

// progressEvery is how often a long load reports progress on stderr.
const progressEvery = time.Second

// loadSummary counts what loadPaths did.
type loadSummary struct {
	// Documents is the number of documents stored.
	Documents int
	// Statements is the number of statements the stored documents hold.
	Statements int
	// Entities is the number of distinct entities the stored documents name.
	Entities int
	// Failed is the number of files (or paths) that could not be loaded.
	Failed  int
	Elapsed time.Duration
}

func (s loadSummary) String() string {
	return fmt.Sprintf("loaded %d documents: %d statements, %d entities, %d errors in %s",
		s.Documents, s.Statements, s.Entities, s.Failed, s.Elapsed.Round(time.Millisecond))
}

// loadPaths loads files and folders into the store, one document per file
// with store.PutDocument (one transaction each); a ties N-Quads backup
// restores every document it holds. Folders are walked recursively in
// lexical order, skipping hidden entries and files whose extension reg does
// not support; a named file with an unsupported extension is an error
// (one without an extension is sniffed). Each failure is
// printed to env.Stderr as it happens (naming the file and, where there is
// one, the line) and the other files still load; progress goes to
// env.Stderr every second on long loads. The error is non-nil when any path
// failed ("N errors loading M files") or ctx was cancelled; the summary is valid
// either way.
func loadPaths(ctx context.Context, env *Env, store graph.Store, reg *loaders.Registry, paths []string) (loadSummary, error) {
	begin := time.Now()
	var sum loadSummary
	report := func(err error) {
		sum.Failed++
		fmt.Fprintf(env.Stderr, "ties: %v\n", err)
	}
	files, errs := listFiles(paths, reg)
	for _, err := range errs {
		report(err)
	}
	entities := map[string]bool{}
	loadedFrom := map[string]string{}
	last, done := time.Now(), 0
	for r := range extractAll(ctx, reg, files) {
		done++
		if err := ctx.Err(); err != nil {
			sum.Elapsed = time.Since(begin)
			return sum, err
		}
		if r.err != nil {
			report(r.err)
			continue
		}
		for _, x := range r.xs {
			id := x.Document.ID
			if prev, ok := loadedFrom[id]; ok {
				report(graph.Errorf(graph.ECONFLICT, "%s: document %q was already loaded from %s in this run; rename one of them", r.path, id, prev))
				continue
			}
			if err := store.PutDocument(ctx, x); err != nil {
				report(fmt.Errorf("%s: store %s: %w", r.path, id, err))
				continue
			}
			loadedFrom[id] = r.path
			sum.Documents++
			sum.Statements += len(x.Statements)
			for _, e := range x.Entities {
				entities[e.ID] = true
			}
			for _, s := range x.Statements {
				entities[s.Subject.ID], entities[s.Object.ID] = true, true
			}
		}
		if time.Since(last) >= progressEvery {
			last = time.Now()
			fmt.Fprintf(env.Stderr, "ties: %d/%d files read, %d documents loaded, %d errors\n", done, len(files), sum.Documents, sum.Failed)
		}
	}
	sum.Entities = len(entities)
	sum.Elapsed = time.Since(begin)
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if sum.Failed > 0 {
		return sum, fmt.Errorf("%d errors loading %d files", sum.Failed, len(files)+len(errs))
	}
	return sum, nil
}

// listFiles expands paths into the files to load, in argument order, each
// folder's files in lexical order. Errors name the path.
func listFiles(paths []string, reg *loaders.Registry) ([]string, []error) {
	var files []string
	var errs []error
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err) // *PathError names the path
			continue
		}
		if !fi.IsDir() {
			if !reg.Supports(p) {
				errs = append(errs, graph.Errorf(graph.EINVALID, "%s: unsupported file type %q (supported: %s)",
					p, filepath.Ext(p), strings.Join(reg.Formats(), ", ")))
				continue
			}
			files = append(files, p)
			continue
		}
		n := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A linked file loads; a linked folder is not followed
				// (no cycles).
				if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			// In folders only known extensions: a stray README or image
			// beside the documents is not an error.
			if loaders.FormatOf(path) == "" || !reg.Supports(path) {
				return nil
			}
			files = append(files, path)
			n++
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("walk %s: %w", p, err))
		} else if n == 0 {
			errs = append(errs, graph.Errorf(graph.EINVALID, "%s: no loadable files in the folder (supported: %s)",
				p, strings.Join(reg.Formats(), ", ")))
		}
	}
	return files, errs
}

// extracted is one file's extractions (one, or one per document of a
// backup) or error.
type extracted struct {
	path string
	xs   []graph.Extraction
	err  error
}

// extractAll reads and extracts files on a few goroutines (extraction is the
// slow part) and yields the results in file order.
func extractAll(ctx context.Context, reg *loaders.Registry, files []string) <-chan extracted {
	workers := min(runtime.GOMAXPROCS(0), 4, max(len(files), 1))
	slots := make([]chan extracted, len(files))
	for i := range slots {
		slots[i] = make(chan extracted, 1)
	}
	jobs := make(chan int)
	// ahead bounds the extractions waiting for the store, so memory stays
	// bounded when writing is the slow part.
	ahead := make(chan struct{}, 2*workers)
	for range workers {
		go func() {
			for i := range jobs {
				xs, err := readAndLoad(ctx, reg, files[i])
				slots[i] <- extracted{path: files[i], xs: xs, err: err}
			}
		}()
	}
	out := make(chan extracted)
	go func() {
		defer close(out)
		go func() {
			defer close(jobs)
			for i := range files {
				select {
				case ahead <- struct{}{}:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- i:
				case <-ctx.Done():
					return
				}
			}
		}()
		for i := range files {
			select {
			case r := <-slots[i]:
				<-ahead
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// readAndLoad reads one file and extracts it: one document whose ID is the
// file's base name, or, for a ties N-Quads backup (`ties export --format
// nquads`), every document the backup holds, as the store held them.
func readAndLoad(ctx context.Context, reg *loaders.Registry, path string) ([]graph.Extraction, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > reg.Limit() {
		return nil, graph.Errorf(graph.EINVALID, "%s: %d bytes, over the %d byte limit", path, fi.Size(), reg.Limit())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	in := loaders.Input{Name: filepath.Base(path), Source: path, Data: data}
	if isBackup(path, data) {
		if err := loaders.Check(path, data, reg.Limit()); err != nil {
			return nil, err
		}
		return structured.Restore(ctx, in)
	}
	x, err := reg.Load(ctx, in)
	if err != nil {
		return nil, err
	}
	return []graph.Extraction{x}, nil
}

// isBackup reports whether a file is N-Quads (by name, else by content)
// in the form of a ties backup.
func isBackup(path string, data []byte) bool {
	f := loaders.FormatOf(path)
	if f == "" {
		f = loaders.Sniff(data)
	}
	return f == "nquads" && structured.IsBackup(data)
}

// runLoad is `ties load [--store ADDR] PATH…`.
func runLoad(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("load", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	addr := fset.String("store", defaultStore(env), "store: a bolt directory, memory or postgres://…")
	maxSize := fset.Int64("max-size", loaders.DefaultMaxSize, "largest file to load, in bytes")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties load [--store PATH|memory|postgres://…] [--max-size BYTES] PATH…")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return errors.New("no paths to load")
	}
	reg, err := newLoader(ctx, env, false)
	if err != nil {
		return err
	}
	reg.MaxSize = *maxSize
	store, err := openStore(ctx, env, *addr)
	if err != nil {
		return err
	}
	defer store.Close()
	sum, err := loadPaths(ctx, env, store, reg, fset.Args())
	fmt.Fprintln(env.Stdout, sum)
	return err
}
