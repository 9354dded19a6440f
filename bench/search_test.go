package bench

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestMeasureSearch(t *testing.T) {
	res, err := MeasureSearch(context.Background(), 1, 5000, 200)
	if err != nil {
		t.Fatal(err)
	}
	if res.Entities != 5000 || res.Queries.N != 200 || res.Heap == 0 {
		t.Fatalf("measured %+v", res)
	}
	// Forms as the documents write them, in any language, are found; a
	// misspelt stem mostly.
	if res.FoundBy["form"] < 0.8 || res.FoundBy["folded"] < 0.8 || res.FoundBy["misspelt"] < 0.5 {
		t.Errorf("found in the first 10: %v", res.FoundBy)
	}
	t.Logf("%d entities: built in %v, heap %s, p50 %v p99 %v, found %.0f%% %v", res.Entities, res.Build,
		mib(res.Heap), res.Queries.P50, res.Queries.P99, 100*res.Found, res.FoundBy)
}

// BenchmarkSearchIndex measures the search index at a million entities
// (see MeasureSearch); b.N repeats the 1000 queries.
func BenchmarkSearchIndex(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a million entities")
	}
	for i := 0; i < b.N; i++ {
		res, err := MeasureSearch(context.Background(), 1, 1000000, 1000)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Queries.P50.Microseconds()), "p50-µs")
		b.ReportMetric(float64(res.Queries.P99.Microseconds()), "p99-µs")
		b.ReportMetric(float64(res.Heap)/(1<<20), "heap-MiB")
		b.ReportMetric(100*res.Found, "found-%")
	}
}

func TestSearchMarkdown(t *testing.T) {
	res, err := MeasureSearch(context.Background(), 2, 2000, 50)
	if err != nil {
		t.Fatal(err)
	}
	md := SearchMarkdown(res)
	for _, want := range []string{"## Search index, 2k entities", "| search p99 |", "| live heap of the index"} {
		if !strings.Contains(md, want) {
			t.Errorf("section lacks %q:\n%s", want, md)
		}
	}
	if tg := SearchTarget(res); tg.Run != "2k entities" || tg.Met != (res.Queries.P99 <= 10*time.Millisecond) {
		t.Errorf("target %+v", tg)
	}
}
