package text

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/text/morph"
)

// benchDoc composes a document of about 5 KB from the package's own
// sentences in several languages.
func benchDoc(i int) []byte {
	parts := []string{
		"Miasto Lublin dołączyło do sieci Eurocities w 2019 roku.",
		"W dniach 12-13 marca 2024 w Gdańsku odbyła się konferencja „Miasta dla klimatu” organizowana przez Związek Miast Polskich.",
		"W konferencji wzięli udział: Prezydent Lublina – Krzysztof Żuk, Ambasador Francji w Polsce – Anne Marie Dupont.",
		"Львівська міська рада підписала Меморандум про співпрацю з Асоціацією міст України.",
		"Kauno miesto savivaldybė pasirašė bendradarbiavimo sutartį su Lodzės miesto savivaldybe.",
		"The annual conference of the Union of the Baltic Cities was held in Turku on 3 October 2023.",
		"Die Stadt Potsdam ist Mitglied im Netzwerk Eurocities.",
		"Kiti Alytaus miestai partneriai: Rakvere (Estija), Kolding (Danija).",
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Dokument %d\n", i)
	for k := 0; b.Len() < 5000; k++ {
		b.WriteString(parts[(i+k)%len(parts)])
		if k%3 == 2 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	return []byte(b.String())
}

// BenchmarkExtract measures documents of 5 KB per second.
func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	benchLoad(b, x)
}

// BenchmarkExtractMorph measures the same documents with the hunspell
// morphology loaded, as the ties command runs.
func BenchmarkExtractMorph(b *testing.B) {
	if _, err := os.Stat(morph.DefaultDir); err != nil {
		b.Skipf("no hunspell dictionaries in %s", morph.DefaultDir)
	}
	an, err := morph.Open(context.Background(), morph.Options{Dir: morph.DefaultDir, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	// Learn the guess models now, as a server does at start, so the loop
	// measures extraction and not their one-time training.
	if err := an.Prepare(context.Background()); err != nil {
		b.Fatal(err)
	}
	x, err := New(context.Background(), Options{Morph: an})
	if err != nil {
		b.Fatal(err)
	}
	benchLoad(b, x)
}

// benchLoad extracts 16 composed 5 KB documents in turn and reports the
// rate the target is stated in: documents per second on one core
// (the loop is serial).
func benchLoad(b *testing.B, x *Extractor) {
	docs := make([][]byte, 16)
	for i := range docs {
		docs[i] = benchDoc(i)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Load(ctx, loaders.Input{Name: "bench.txt", Data: docs[i%len(docs)]}); err != nil {
			b.Fatal(err)
		}
	}
	if sec := b.Elapsed().Seconds(); sec > 0 {
		b.ReportMetric(float64(b.N)/sec, "docs/s")
	}
}
