// Package goruntime is Go's span set itself: at build time spancheck copies
// mspanset.go, lfstack.go and lfstack_64bit.go from a GOROOT into this folder
// (of the build tree's copy of this module), rewriting only their package
// clause and import paths, so that line N of each copy is line N of Go's file.
// This file gives them what the runtime would (mutex, lock, persistentalloc,
// memmove, add, throw, print, memstats, lfnode, mspan), each a stand-in of
// ours; the scenarios reach the set through the exported API of api.go.
package goruntime

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"spancheck.dev/go/sched"
)

// The platform, as lfstack_64bit.go tests it.
const (
	GOARCH = runtime.GOARCH
	GOOS   = runtime.GOOS
)

// mspan stands in for the runtime's span: the span set only stores pointers
// to it. id names it in reports (span s<id>).
type mspan struct{ id int }

// lfnode is runtime2.go's node of a lock-free stack.
type lfnode struct {
	next    uint64
	pushcnt uintptr
}

// mutex is a runtime lock: lock and unlock are scheduling points, and the
// scheduler never picks a lock that is held.
type mutex struct{ key uintptr }

func lock(l *mutex) {
	sched.AtBlocking(sched.Lock, unsafe.Pointer(l), func() bool { return atomic.LoadUintptr(&l.key) != 0 })
	for !atomic.CompareAndSwapUintptr(&l.key, 0, 1) {
		runtime.Gosched() // free-running only: under the scheduler it is free
	}
	sched.Done(sched.Lock, unsafe.Pointer(l), 0, 1, true)
}

func unlock(l *mutex) {
	sched.At(sched.Unlock, unsafe.Pointer(l))
	atomic.StoreUintptr(&l.key, 0)
	sched.Done(sched.Unlock, unsafe.Pointer(l), 1, 0, true)
}

type sysMemStat uint64

var memstats struct{ gcMiscSys sysMemStat }

// hex prints as hexadecimal in the runtime; here print formats it.
type hex uint64

func (h hex) String() string { return fmt.Sprintf("%#x", uint64(h)) }

// kept holds everything persistentalloc handed out: the lock-free stack hides
// block pointers in a uint64, which Go's collector does not see.
var (
	keptMu sync.Mutex
	kept   [][]uint64
)

func persistentalloc(size, align uintptr, _ *sysMemStat) unsafe.Pointer {
	buf := make([]uint64, (size+align)/8+1)
	base := uintptr(unsafe.Pointer(&buf[0]))
	skip := ((base+align-1)&^(align-1) - base) / 8
	p := unsafe.Pointer(&buf[skip])
	keptMu.Lock()
	kept = append(kept, buf)
	keptMu.Unlock()
	registerAllocation(uintptr(p), size)
	return p
}

// memmove is the plain copy of the spine on growth.
func memmove(to, from unsafe.Pointer, n uintptr) {
	copy(unsafe.Slice((*byte)(to), n), unsafe.Slice((*byte)(from), n))
}

func add(p unsafe.Pointer, x uintptr) unsafe.Pointer { return unsafe.Add(p, x) }

// printed collects what Go's code prints before a throw (head and tail, say).
var printed strings.Builder

func print(args ...any) {
	for _, a := range args {
		fmt.Fprint(&printed, a)
	}
}

func println(args ...any) {
	for i, a := range args {
		if i > 0 {
			printed.WriteByte(' ')
		}
		fmt.Fprint(&printed, a)
	}
	printed.WriteByte('\n')
}

func printlock()   {}
func printunlock() {}

// throwKinds: Go's throws in the span set, as spancheck names them.
var throwKinds = map[string]string{
	"attempt to clear non-empty span set":                  "reset-nonempty",
	"found used block in empty span set":                   "reset-used-block",
	"span set block with unpopped elements found in reset": "reset-unpopped-block",
	"fully empty unfreed span set block found in reset":    "reset-full-block",
	"headTailIndex overflow":                               "index-overflow",
}

// throw is a recorded violation: the trial stops there.
func throw(s string) {
	kind, known := throwKinds[s]
	if !known {
		kind = "go-throw"
	}
	msg := fmt.Sprintf("Go throws %q", s)
	if p := strings.TrimSpace(printed.String()); p != "" {
		msg += " (it printed: " + strings.ReplaceAll(p, "\n", "; ") + ")"
	}
	printed.Reset()
	sched.Fail(sched.Failure{Kind: kind, Message: msg})
}
