package graphtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/lib/pq"
)

// PostgresURL creates a database for one test from the admin URL in
// TIES_TEST_POSTGRES, drops it when the test ends, and returns its URL, so
// runs never see each other. Without the variable the test is skipped,
// except under CI=true, where PostgreSQL must be there (.ci/postgres.sh
// starts it).
func PostgresURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("TIES_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but TIES_TEST_POSTGRES is not set: run .ci/postgres.sh and export the URL it prints")
		}
		t.Skip("TIES_TEST_POSTGRES not set (e.g. postgres://ties:ties@127.0.0.1:5432/ties?sslmode=disable, see .ci/postgres.sh); skipping PostgreSQL")
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("TIES_TEST_POSTGRES: %v", err)
	}
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatalf("TIES_TEST_POSTGRES: %v", err)
	}
	defer db.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "ties_test_" + hex.EncodeToString(b)
	if _, err := db.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name)); err != nil {
		t.Fatalf("create test database on %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", admin)
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
