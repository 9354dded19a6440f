package cayley

import "testing"

func TestParseSQLAddr(t *testing.T) {
	tests := []struct {
		addr                  string
		backend, cayley, ties string
		err                   bool
	}{
		{addr: "postgres://u:p@h:5432/db?sslmode=disable", backend: "postgres",
			cayley: "postgresql://u:p@h:5432/db?binary_parameters=yes&sslmode=disable",
			ties:   "postgresql://u:p@h:5432/db?binary_parameters=yes&sslmode=disable"},
		{addr: "postgresql://h/db?binary_parameters=no", backend: "postgres",
			cayley: "postgresql://h/db?binary_parameters=no", ties: "postgresql://h/db?binary_parameters=no"},
		{addr: "cockroach://root@h:26257/ties?sslmode=disable", backend: "cockroach",
			cayley: "postgresql://root@h:26257/ties?sslmode=disable",
			ties:   "postgresql://root@h:26257/ties?binary_parameters=yes&sslmode=disable"},
		{addr: "postgres://root@h:26257/ties?ties_backend=cockroach", backend: "cockroach",
			cayley: "postgresql://root@h:26257/ties", ties: "postgresql://root@h:26257/ties?binary_parameters=yes"},
		{addr: "postgres://h/db?ties_backend=mysql", err: true},
		{addr: "postgres://h/db?%zz", err: true},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			a, err := parseSQLAddr(tc.addr)
			if tc.err {
				if err == nil {
					t.Fatalf("no error, got %+v", a)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.backend != tc.backend || a.cayley != tc.cayley || a.ties != tc.ties {
				t.Errorf("got %s %s %s, want %s %s %s", a.backend, a.cayley, a.ties, tc.backend, tc.cayley, tc.ties)
			}
			if want := map[string]string{"postgres": "FOR SHARE", "cockroach": "FOR UPDATE"}[tc.backend]; a.dialect.shareLock != want {
				t.Errorf("dialect locks the clock %s, want %s", a.dialect.shareLock, want)
			}
		})
	}
}
