// Package web serves the explorer page: the built front end in dist/
// (sources in src/, rebuilt by scripts/build-web.sh), embedded in the binary
// so that `ties serve` needs no npm on the machine it runs on.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed dist
var dist embed.FS

// Assets is the built page: index.html and assets/.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// dist is embedded at build time; a missing folder fails the build.
		panic(err)
	}
	return sub
}

// Handler serves index.html at / and the files under /assets/. Scripts
// and styles have fixed names, so the browser revalidates them.
func Handler() http.Handler {
	files := http.FileServerFS(Assets())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}
