package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// python returns the Python that has module: Debian's /usr/bin/python3
// first (python3-networkx and python3-rdflib install there), else the one
// on PATH. Without it the test skips, except on CI (CI=true), where it
// fails: there .ci/deps.sh installs both.
func python(t *testing.T, module string) string {
	t.Helper()
	var candidates []string
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		candidates = append(candidates, "/usr/bin/python3")
	}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, py := range candidates {
		if exec.Command(py, "-c", "import "+module).Run() == nil {
			return py
		}
	}
	msg := "python3 with the " + module + " module not found (apt-get install python3-networkx python3-rdflib)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// readWith writes data to a file named name and runs testdata/SCRIPT on it
// with the Python that has module, decoding the JSON it prints into out.
func readWith(t *testing.T, module, script, name string, data []byte, out any) {
	t.Helper()
	py := python(t, module)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, filepath.Join("testdata", script), path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", script, name, err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		t.Fatalf("%s %s: decode its output: %v\n%s", script, name, err, stdout.String())
	}
}
