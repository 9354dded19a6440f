// Package browsertest drives the explorer page in headless Chromium against
// a real in-process server and store. It holds only tests; see
// browser_test.go.
package browsertest
