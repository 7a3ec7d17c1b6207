// spancheck-go-build: builds the Go harness against a Go source tree. It
// copies mspanset.go, lfstack.go and lfstack_64bit.go from GOROOT (or takes
// a user's own files, or applies a patch to GOROOT's), rewrites only their
// package clause and the three runtime import paths, writes them beside this
// module's own sources (embedded in this program) into a folder named by the
// hash of the whole content, and builds the harness there once. With
// arguments after "--" it then becomes the harness, with those arguments.
//
// Exit 2 with one line on bad input (no such file, a patch that does not
// apply, Go files that do not compile).
package main

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

//go:embed go.mod sched shim goruntime harness
var module embed.FS

// goFiles: the files of Go's span set, as GOROOT holds them.
var goFiles = []string{"mspanset.go", "lfstack.go", "lfstack_64bit.go"}

// rewrites: the only changes made to Go's files, each within its line.
var rewrites = []struct{ from, to string }{
	{`"runtime/internal/atomic"`, `"spancheck.dev/go/shim/atomic"`},
	{`"internal/cpu"`, `"spancheck.dev/go/shim/cpu"`},
	{`"internal/goarch"`, `"spancheck.dev/go/shim/goarch"`},
}

type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func main() {
	args, harnessArgs := os.Args[1:], []string(nil)
	for i, a := range args {
		if a == "--" {
			args, harnessArgs = args[:i], args[i+1:]
			break
		}
	}
	flags := flag.NewFlagSet("spancheck-go-build", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	goroot := flags.String("goroot", runtime.GOROOT(), "Go root whose src/runtime/ holds the span set")
	var files fileList
	flags.Var(&files, "file", "a file to use instead of GOROOT's of the same name (repeatable)")
	patch := flags.String("patch", "", "a unified diff against GOROOT (paths src/runtime/..., -p1)")
	race := flags.Bool("race", false, "build with the race detector")
	work := flags.String("work", "", "folder for the builds (one folder per content hash)")
	gocache := flags.String("gocache", "", "GOCACHE for go build (default: $GOCACHE, else WORK/gocache)")
	out := flags.String("out", "", "also copy the harness to this file")
	if err := flags.Parse(args); err != nil {
		badInput(err.Error() + "; accepted: --goroot DIR, --file F, --patch P, --race, --work DIR, --gocache DIR, --out F")
	}
	if *work == "" {
		badInput("--work DIR is required")
	}
	for _, dir := range []*string{work, gocache} {
		if *dir != "" {
			abs, err := filepath.Abs(*dir)
			if err != nil {
				badInput(err.Error())
			}
			*dir = abs
		}
	}
	sources, err := goSources(*goroot, files, *patch)
	if err != nil {
		badInput(err.Error())
	}
	binary, err := build(sources, label(*goroot, files, *patch), *race, *work, *gocache)
	if err != nil {
		badInput(err.Error())
	}
	if *out != "" {
		if err := copyFile(binary, *out); err != nil {
			badInput(err.Error())
		}
	}
	if harnessArgs == nil {
		fmt.Println(binary)
		return
	}
	argv := append([]string{binary}, harnessArgs...)
	env := os.Environ()
	if *race && os.Getenv("GORACE") == "" {
		// A data race is a violation: stop at the first report, exit 1.
		env = append(env, "GORACE=halt_on_error=1 exitcode=1")
	}
	err = syscall.Exec(binary, argv, env)
	badInput("cannot run " + binary + ": " + err.Error())
}

func badInput(msg string) {
	fmt.Fprintln(os.Stderr, "spancheck go: "+strings.SplitN(strings.TrimSpace(msg), "\n", 2)[0])
	os.Exit(2)
}

// goSources reads Go's three files: GOROOT's, replaced by --file, patched by --patch.
func goSources(goroot string, files []string, patch string) (map[string][]byte, error) {
	sources := map[string][]byte{}
	for _, name := range goFiles {
		text, err := os.ReadFile(filepath.Join(goroot, "src", "runtime", name))
		if err != nil {
			return nil, fmt.Errorf("no Go span set in GOROOT %s: %v (give a Go root, e.g. /usr/lib/go-1.19)", goroot, err)
		}
		sources[name] = text
	}
	for _, f := range files {
		name := filepath.Base(f)
		if _, ours := sources[name]; !ours {
			return nil, fmt.Errorf("--file %s: not one of Go's span set files; accepted: %s", f, strings.Join(goFiles, ", "))
		}
		text, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--file %s: %v", f, err)
		}
		sources[name] = text
	}
	if patch != "" {
		return patched(sources, patch)
	}
	return sources, nil
}

// patched applies a unified diff (paths a/src/runtime/NAME, as `git diff`
// in a Go checkout writes them) with Debian's patch.
func patched(sources map[string][]byte, patch string) (map[string][]byte, error) {
	diff, err := os.ReadFile(patch)
	if err != nil {
		return nil, fmt.Errorf("--patch %s: %v", patch, err)
	}
	dir, err := os.MkdirTemp("", "spancheck-go-patch")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	runtimeDir := filepath.Join(dir, "src", "runtime")
	if err := os.MkdirAll(runtimeDir, 0o755); err != nil {
		return nil, err
	}
	for name, text := range sources {
		if err := os.WriteFile(filepath.Join(runtimeDir, name), text, 0o644); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("patch", "-p1", "--batch", "--forward", "--silent", "--no-backup-if-mismatch", "-r", "-", "-d", dir)
	cmd.Stdin = bytes.NewReader(diff)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		why := strings.TrimSpace(output.String())
		if why == "" {
			why = err.Error()
		}
		return nil, fmt.Errorf("--patch %s does not apply to Go's span set files: %s", patch, strings.ReplaceAll(why, "\n", "; "))
	}
	for name := range sources {
		text, err := os.ReadFile(filepath.Join(runtimeDir, name))
		if err != nil {
			return nil, err
		}
		sources[name] = text
	}
	return sources, nil
}

// label says what Go source a build runs: Go's version and GOROOT, and
// the user's files or patch.
func label(goroot string, files []string, patch string) string {
	version := "Go"
	if text, err := os.ReadFile(filepath.Join(goroot, "VERSION")); err == nil {
		version = strings.SplitN(strings.TrimSpace(string(text)), "\n", 2)[0]
	}
	l := fmt.Sprintf("%s's span set (%s)", version, filepath.Join(goroot, "src", "runtime"))
	for _, f := range files {
		l += " with " + filepath.Base(f)
	}
	if patch != "" {
		l += " + " + filepath.Base(patch)
	}
	return l
}

// rewrite changes the package clause and the three import paths, each in
// its own line, so that line numbers stay Go's.
func rewrite(text []byte) []byte {
	lines := strings.Split(string(text), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "package runtime" {
			lines[i] = "package goruntime"
			continue
		}
		for _, r := range rewrites {
			if strings.TrimSpace(l) == r.from || strings.HasSuffix(strings.TrimSpace(l), " "+r.from) {
				lines[i] = strings.Replace(l, r.from, r.to, 1)
			}
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// build writes the module and Go's rewritten files into WORK/HASH/src and
// builds the harness there, unless an earlier run did.
func build(sources map[string][]byte, label string, race bool, work, gocache string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s race=%v\n", runtime.Version(), race)
	var files []string
	fs.WalkDir(module, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	for _, p := range files {
		text, _ := module.ReadFile(p)
		fmt.Fprintf(h, "%s %d\n", p, len(text))
		h.Write(text)
	}
	generated := map[string][]byte{}
	generated["source_gen.go"] = []byte(fmt.Sprintf("// Generated by spancheck-go-build.\npackage goruntime\n\n// Source is what Go source this build runs.\nconst Source = %q\n", label))
	fmt.Fprintf(h, "label %s\n", label)
	for _, name := range goFiles {
		generated[name] = rewrite(sources[name])
		fmt.Fprintf(h, "%s %d\n", name, len(generated[name]))
		h.Write(generated[name])
	}
	key := hex.EncodeToString(h.Sum(nil))[:16]
	dir := filepath.Join(work, key)
	name := "spancheck-go-harness"
	if race {
		name += "-race"
	}
	binary := filepath.Join(dir, name)
	if _, err := os.Stat(binary); err == nil {
		return binary, nil
	}
	src := filepath.Join(dir, "src")
	for _, p := range files {
		text, _ := module.ReadFile(p)
		if err := writeFile(filepath.Join(src, p), text); err != nil {
			return "", err
		}
	}
	for name, text := range generated {
		if err := writeFile(filepath.Join(src, "goruntime", name), text); err != nil {
			return "", err
		}
	}
	if gocache == "" {
		gocache = os.Getenv("GOCACHE")
	}
	if gocache == "" {
		gocache = filepath.Join(work, "gocache")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	tmp := fmt.Sprintf("%s.%d.tmp", binary, os.Getpid())
	args := []string{"build", "-o", tmp}
	if race {
		// checkptr (on with -race) rejects lfstackUnpack's integer-to-pointer conversion.
		args = append(args, "-race", "-gcflags=all=-d=checkptr=0")
	}
	cmd := exec.Command(goTool, append(args, "./harness")...)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GO111MODULE=on", "GOWORK=off",
		"GOCACHE="+gocache, "GOTOOLCHAIN=local")
	if race {
		cmd.Env = append(cmd.Env, "CGO_ENABLED=1")
	}
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		return "", errors.New("Go's span set files do not build with spancheck's shims: " + firstError(output.String(), err))
	}
	return binary, os.Rename(tmp, binary)
}

// firstError is the compiler's first message, without the build folder.
func firstError(output string, err error) string {
	for _, l := range strings.Split(output, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			if i := strings.Index(l, "goruntime/"); i >= 0 {
				l = l[i+len("goruntime/"):]
			}
			return l
		}
	}
	return err.Error()
}

func writeFile(path string, text []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, text, 0o644)
}

func copyFile(from, to string) error {
	text, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	tmp := to + ".tmp"
	if err := os.WriteFile(tmp, text, 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}
