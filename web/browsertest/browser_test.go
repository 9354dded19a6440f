package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/internal/sharedcorpus"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/structured"
	"github.com/ties-graph/ties/loaders/text"
	"github.com/ties-graph/ties/loaders/text/lang"
	"github.com/ties-graph/ties/loaders/text/morph"
	"github.com/ties-graph/ties/server"
)

var update = flag.Bool("update", false, "also write the final screenshot to docs/explorer.png")

// scenario is the walk through the page, for one set of documents.
type scenario struct {
	dir        string   // documents to load
	search     string   // typed into the search box
	want       string   // name of the first suggestion
	neighbours []string // names shown once want is opened
	expand     string   // neighbour to click
	expandAdds string   // a name that only its neighbourhood brings
	pathTo     string   // typed into the path's "to" box
	pathToName string   // name of the first suggestion there
}

// The scenario on the shared seed documents, and an equivalent one
// on the project's examples for machines without ../shared.
var (
	seeds = scenario{
		dir: "seeds", search: "Krakowie", want: "Kraków", // under the shared corpus
		neighbours: []string{"Femcities Network", "International Cities of Refuge Network"},
		expand:     "Femcities Network", expandAdds: "Vienna",
		pathTo: "Frankfurt", pathToName: "Frankfurt am Main",
	}
	examples = scenario{
		dir: filepath.Join("..", "..", "examples"), search: "Krakowie", want: "Kraków",
		neighbours: []string{"Eurocities"},
		expand:     "Eurocities", expandAdds: "Lublin",
		pathTo: "Lublin", pathToName: "Lublin",
	}
)

func TestExplorer(t *testing.T) {
	chrome := findChromium(t)
	sc := seeds
	shared, err := sharedcorpus.Dir()
	sc.dir = filepath.Join(shared, sc.dir)
	if _, serr := os.Stat(sc.dir); err != nil || serr != nil {
		t.Logf("shared seeds absent (%v): running the scenario on examples/", errors.Join(err, serr))
		sc = examples
	}
	if testing.Short() {
		t.Skip("the browser test takes a while; skipped in -short mode")
	}
	b := openPage(t, chrome, sc.dir)
	shot := b.shot

	t.Run("search suggests the entity with type and documents", func(t *testing.T) {
		b.do(t, "type", chromedp.SendKeys(chromedp.CSS("#search"), sc.search))
		b.poll(t, "suggestions", `document.querySelector("#search-suggestions li.hit") !== null`)
		first := evalJS[struct {
			Name, Type string
			Icon       bool
			Docs       int
		}](t, b, `(() => { const li = document.querySelector("#search-suggestions li.hit");
			return { name: li.querySelector(".hit-name").textContent, type: li.querySelector(".hit-type").textContent,
			         icon: li.querySelector("svg.icon") !== null, docs: li.querySelectorAll(".hit-docs .doc").length }; })()`)
		if first.Name != sc.want || !first.Icon || first.Docs == 0 {
			t.Fatalf("first suggestion for %q: %+v, want %q with an icon and its documents", sc.search, first, sc.want)
		}
		shot(t, "search.png")
		b.do(t, "pick", chromedp.Click(chromedp.CSS("#search-suggestions li.hit")))
	})

	t.Run("opening shows the neighbourhood", func(t *testing.T) {
		b.poll(t, "neighbours "+strings.Join(sc.neighbours, ", "),
			fmt.Sprintf(`tiesExplorer.idle() && %s.every((n) => tiesExplorer.cy.nodes().some((x) => x.data("name") === n))`, jsString(sc.neighbours)))
		if got := evalJS[string](t, b, `document.querySelector("#panel .title").textContent`); !strings.Contains(got, sc.want) {
			t.Errorf("entity panel shows %q, want %q", got, sc.want)
		}
	})

	t.Run("clicking a node expands it", func(t *testing.T) {
		before := evalJS[int](t, b, `tiesExplorer.cy.nodes().length`)
		b.click(t, nodeXY(sc.expand))
		b.poll(t, sc.expand+" expanded", fmt.Sprintf(`tiesExplorer.idle() && tiesExplorer.cy.nodes().some((x) => x.data("name") === %s && x.hasClass("expanded")) && tiesExplorer.cy.nodes().some((x) => x.data("name") === %s)`,
			jsString(sc.expand), jsString(sc.expandAdds)))
		if after := evalJS[int](t, b, `tiesExplorer.cy.nodes().length`); after <= before {
			t.Errorf("expanding %s: %d nodes, was %d", sc.expand, after, before)
		}
	})

	var sentence string
	t.Run("an edge shows its evidence", func(t *testing.T) {
		b.click(t, edgeXY(sc.want, sc.expand))
		b.poll(t, "evidence panel", `document.querySelector("#panel .evidence li") !== null`)
		ev := evalJS[struct {
			Head, Sentence, Subj, Obj, Lang, Meta, Href string
		}](t, b, `(() => { const p = document.getElementById("panel"), li = p.querySelector(".evidence li");
			const t = (s) => (li.querySelector(s) || {}).textContent || "";
			return { head: p.querySelector(".tie-head").textContent, sentence: t(".sentence"), subj: t("mark.subj"), obj: t("mark.obj"),
			         lang: t(".lang"), meta: t(".meta"), href: (li.querySelector("a.doclink") || {}).getAttribute?.("href") || "" }; })()`)
		sentence = ev.Sentence
		if !strings.Contains(ev.Head, sc.want) || !strings.Contains(ev.Head, sc.expand) {
			t.Errorf("evidence heading %q, want %s and %s", ev.Head, sc.want, sc.expand)
		}
		if ev.Subj == "" || ev.Obj == "" {
			t.Errorf("sentence %q: marked subject %q, object %q; want both names highlighted", ev.Sentence, ev.Subj, ev.Obj)
		}
		if ev.Lang == "" || !strings.Contains(ev.Meta, "confidence") || !strings.HasPrefix(ev.Href, "#doc=") {
			t.Errorf("evidence lacks language, confidence or document link: %+v", ev)
		}
		p := shot(t, "explorer.png")
		if *update {
			keep := filepath.Join("..", "..", "docs", "explorer.png")
			data, _ := os.ReadFile(p)
			if err := os.WriteFile(keep, data, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("updated %s", keep)
		}
	})

	t.Run("the document view marks the evidence by offsets", func(t *testing.T) {
		if sentence == "" {
			t.Skip("no evidence sentence to look for")
		}
		b.do(t, "open document", chromedp.Click(chromedp.CSS("#panel a.doclink")))
		b.poll(t, "document view", `!document.getElementById("docview").hidden && document.querySelector("#docview mark.ev.sel") !== null`)
		got := evalJS[struct {
			Sel   string
			Ties  int
			Title string
		}](t, b, `({ sel: [...document.querySelectorAll("#docview mark.ev.sel")].map((m) => m.textContent).join(""),
			ties: document.querySelectorAll("#docview .ties li").length, title: document.querySelector("#docview h2").textContent })`)
		if !strings.Contains(got.Sel, sentence) {
			t.Errorf("document %q marks %q for the tie, want the evidence sentence %q", got.Title, got.Sel, sentence)
		}
		if got.Ties == 0 {
			t.Error("document view lists no extracted ties")
		}
		shot(t, "document.png")
		b.do(t, "close document", chromedp.Click(chromedp.CSS("#docview .close")))
		b.poll(t, "document view closed", `document.getElementById("docview").hidden`)
	})

	t.Run("paths between two actors with evidence", func(t *testing.T) {
		b.do(t, "from", chromedp.SendKeys(chromedp.CSS("#path-from"), sc.search))
		b.poll(t, "from suggestions", `document.querySelector("#path-from-suggestions li.hit") !== null`)
		b.do(t, "pick from", chromedp.Click(chromedp.CSS("#path-from-suggestions li.hit")))
		b.do(t, "to", chromedp.SendKeys(chromedp.CSS("#path-to"), sc.pathTo))
		b.poll(t, "to suggestions", `document.querySelector("#path-to-suggestions li.hit") !== null`)
		b.do(t, "pick to", chromedp.Click(chromedp.CSS("#path-to-suggestions li.hit")))
		picked := evalJS[[]string](t, b, `[document.getElementById("path-from").value, document.getElementById("path-to").value]`)
		if picked[0] != sc.want || picked[1] != sc.pathToName {
			t.Fatalf("path ends picked %q, want [%s %s]", picked, sc.want, sc.pathToName)
		}
		b.do(t, "find", chromedp.Click(chromedp.CSS("#path-find"), chromedp.NodeEnabled))
		b.poll(t, "paths", `tiesExplorer.idle() && document.querySelector("#panel .path") !== null`)
		p := evalJS[struct {
			Nodes    []string
			Evidence int
			Steps    int
			OnGraph  int
		}](t, b, `(() => { const path = document.querySelector("#panel .path");
			const steps = path.querySelectorAll(".step");
			return { nodes: [...steps].flatMap((s) => [...s.querySelectorAll(".node")].map((n) => n.textContent.trim())),
			         evidence: path.querySelectorAll(".step blockquote").length, steps: steps.length,
			         onGraph: tiesExplorer.cy.elements(".onpath").length }; })()`)
		if p.Steps == 0 || len(p.Nodes) == 0 || p.Nodes[0] != sc.want || p.Nodes[len(p.Nodes)-1] != sc.pathToName {
			t.Fatalf("first path: %+v, want %s … %s", p, sc.want, sc.pathToName)
		}
		if p.Evidence != p.Steps {
			t.Errorf("%d of %d steps show evidence", p.Evidence, p.Steps)
		}
		if p.OnGraph != 2*p.Steps+1 {
			t.Errorf("%d elements marked on the graph, want %d for %d steps", p.OnGraph, 2*p.Steps+1, p.Steps)
		}
		shot(t, "paths.png")
	})

	b.checkClean(t)
}

// findChromium returns Debian's chromium, skipping when it is absent, except
// under CI=true where a missing browser is a failure.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (apt-get install -y chromium); CI must run the browser test")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium): skipping the browser test")
	return ""
}

// loadStore loads every file of dir with the real loaders into a memory store.
func loadStore(t *testing.T, ctx context.Context, dir string) *cayley.Store {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	an, err := morph.Open(ctx, morph.Options{Logger: log})
	if err != nil {
		t.Fatalf("open morphology dictionaries: %v", err)
	}
	tx, err := text.New(ctx, text.Options{Morph: an, Detect: lang.Detect, Logger: log})
	if err != nil {
		t.Fatalf("text extractor: %v", err)
	}
	reg := loaders.NewRegistry(append([]loaders.Loader{tx}, structured.Loaders(structured.Options{Logger: log})...)...)
	store, err := cayley.Open(ctx, "memory", cayley.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if f.IsDir() || !reg.Supports(f.Name()) {
			continue
		}
		path := filepath.Join(dir, f.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		x, err := reg.Load(ctx, loaders.Input{Name: f.Name(), Source: path, Data: data})
		if err != nil {
			t.Fatalf("load %s: %v", path, err)
		}
		if err := store.PutDocument(ctx, x); err != nil {
			t.Fatalf("store %s: %v", path, err)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("no loadable documents in %s", dir)
	}
	t.Logf("loaded %d documents from %s", n, dir)
	return store
}

// artifacts is where screenshots go: $TIES_ARTIFACTS when set, else a
// temporary folder.
func artifacts(t *testing.T) string {
	if d := os.Getenv("TIES_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

type browser struct {
	ctx        context.Context
	art        string // where screenshots go
	mu         sync.Mutex
	exceptions []string
}

// openPage loads the documents of dir into a memory store, serves it, and
// opens the page in a fresh headless chromium.
func openPage(t *testing.T, chrome, dir string) *browser {
	t.Helper()
	srv := httptest.NewServer(server.New(server.Options{Store: loadStore(t, context.Background(), dir)}))
	t.Cleanup(srv.Close)
	b := newBrowser(t, chrome)
	b.art = artifacts(t)
	b.do(t, "open the page", chromedp.EmulateViewport(1440, 900), chromedp.Navigate(srv.URL+"/"))
	b.poll(t, "document and entity counts", `document.getElementById("stats").textContent.includes("documents")`)
	return b
}

// shot saves a screenshot of the page as name in the artefacts folder.
func (b *browser) shot(t *testing.T, name string) string {
	t.Helper()
	png := b.run(t, "screenshot", chromedp.FullScreenshot(100))
	p := filepath.Join(b.art, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	return p
}

// checkClean fails on an error the page shows or an uncaught exception.
func (b *browser) checkClean(t *testing.T) {
	t.Helper()
	if msg := evalJS[string](t, b, `(document.querySelector("#status.error") || {}).textContent || ""`); msg != "" {
		t.Errorf("the page shows an error: %s", msg)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.exceptions {
		t.Errorf("uncaught exception in the page: %s", e)
	}
}

func newBrowser(t *testing.T, exe string) *browser {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profileDir(t)),
		chromedp.WindowSize(1440, 900),
	)
	b := &browser{}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			b.mu.Lock()
			defer b.mu.Unlock()
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			b.exceptions = append(b.exceptions, msg)
		}
	}))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	b.ctx = ctx
	return b
}

// profileDir is a fresh chromium profile. Chromium's helpers may still write
// into it for a moment after the browser stops, which t.TempDir's cleanup
// would report as an error, so the removal retries and then gives up quietly.
func profileDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ties-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove the chromium profile %s", dir)
	})
	return dir
}

const stepTimeout = 45 * time.Second

func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) run(t *testing.T, what string, a chromedp.Action[[]byte]) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// poll waits until the JavaScript expression is true.
func (b *browser) poll(t *testing.T, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// click clicks with the mouse at the page point the expression returns
// (the rendered position of a graph element).
func (b *browser) click(t *testing.T, where string) {
	t.Helper()
	b.frames(t)
	p := evalJS[*struct{ X, Y float64 }](t, b, where)
	if p == nil {
		t.Fatalf("nothing to click at %s", where)
	}
	b.do(t, "click", chromedp.MouseClickXY(p.X, p.Y))
}

// frames waits for two animation frames: cytoscape finds the element under
// the mouse with the boxes of its last render.
func (b *browser) frames(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	const twoFrames = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](twoFrames, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("wait for a frame: %v", err)
	}
}

func evalJS[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func jsString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// nodeXY is an expression for the page position of the node named name.
func nodeXY(name string) string {
	return fmt.Sprintf(`(() => { const cy = tiesExplorer.cy, n = cy.nodes().filter((x) => x.data("name") === %s)[0];
		if (!n) return null; const r = cy.container().getBoundingClientRect(), p = n.renderedPosition();
		return { x: r.left + p.x, y: r.top + p.y }; })()`, jsString(name))
}

// edgeXY is an expression for the page position of the middle of the edge
// between the nodes named a and b.
func edgeXY(a, b string) string {
	return fmt.Sprintf(`(() => { const cy = tiesExplorer.cy, names = [%s, %s];
		const e = cy.edges().filter((x) => names.includes(x.source().data("name")) && names.includes(x.target().data("name")))[0];
		if (!e) return null; const r = cy.container().getBoundingClientRect(), p = e.renderedMidpoint();
		return { x: r.left + p.x, y: r.top + p.y }; })()`, jsString(a), jsString(b))
}
