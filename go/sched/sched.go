// Package sched is the scheduler under Go's span set. Every shared-memory
// operation of Go's code (an atomic of the shim, a lock or unlock) calls At
// before it touches memory and Done after it. Three modes:
//
//   - pass-through: setup and final checks, single-threaded; operations run
//     at once (and are traced as the "setup" or "final checks" thread);
//   - free-running: the scenario's goroutines run in parallel, and At
//     perturbs them with random yields and short spins;
//   - controlled: the goroutines run one at a time; each one blocks in At
//     until the scheduler grants it its next operation, and a Strategy picks
//     which of the goroutines that can move goes next. Given the same
//     choices, the execution is the same: that is what replay relies on.
package sched

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Kind is what an operation does to memory.
type Kind uint8

const (
	Load Kind = iota
	Store
	Xadd
	Cas
	Lock
	Unlock
)

func (k Kind) String() string {
	return [...]string{"load", "store", "xadd", "cas", "lock", "unlock"}[k]
}

// The threads of a trial that are not the scenario's.
const (
	Setup   = -1
	Checks  = -2
	Unknown = -3 // free-running: the scheduler does not know who runs
)

// Op is one shared-memory operation as it happened: Old is the value read
// (for a CAS, the expected one), New the value written (for a CAS, the one it
// tried to write); OK is a CAS's outcome.
type Op struct {
	Thread int
	Kind   Kind
	Addr   uintptr
	Old    uint64
	New    uint64
	OK     bool
	PCs    [12]uintptr
	NPC    int
}

// Failure is a broken invariant or a crash, in spancheck's words.
type Failure struct {
	Kind    string // spancheck's violation kind: leak, span-duplicated, ...
	Message string
	Thread  int
	Step    int // index in the trace of the step that broke it (-1: the final checks)
	PCs     []uintptr
}

// Observe, if set, sees every operation after it ran, on the goroutine that
// ran it (the span set's ghost state lives there).
var Observe func(op *Op)

type mode int32

const (
	passThrough mode = iota
	freeRunning
	controlled
)

var current struct {
	mode    mode
	thread  int // pass-through and controlled: who runs
	trial   *Trial
	tracing bool
	trace   []Op

	// free-running
	perturb  uint64 // probability of a perturbation, in 1/2^16
	counter  uint64
	steps    int64
	maxSteps int64
	aborting int32
	mu       sync.Mutex
	failure  *Failure
}

// abortSignal unwinds a goroutine of a trial that is being abandoned.
type abortSignal struct{}

// Tracing turns the recording of every operation on or off (for the
// narrative of a failing trial, and for conformance).
func Tracing(on bool) { current.tracing = on; current.trace = current.trace[:0] }

// Trace is what the trial recorded since Tracing(true).
func Trace() []Op { return current.trace }

// Begin starts a trial in pass-through mode (its setup).
func Begin() {
	current.mode = passThrough
	current.thread = Setup
	current.failure = nil
	current.trace = current.trace[:0]
	atomic.StoreInt32(&current.aborting, 0)
}

// Checking switches to the final checks (after the threads).
func Checking() { current.mode = passThrough; current.thread = Checks }

// Failed is the trial's first failure, or nil.
func Failed() *Failure {
	current.mu.Lock()
	defer current.mu.Unlock()
	return current.failure
}

// Fail records f as the trial's failure (the first one counts) and abandons
// the goroutine that found it.
func Fail(f Failure) {
	current.mu.Lock()
	if current.failure == nil {
		if current.mode != freeRunning {
			f.Thread = current.thread
			f.Step = len(current.trace) - 1
		} else {
			f.Thread, f.Step = Unknown, -1
		}
		if f.PCs == nil {
			pcs := make([]uintptr, 32)
			f.PCs = pcs[:runtime.Callers(2, pcs)]
		}
		current.failure = &f
	}
	current.mu.Unlock()
	atomic.StoreInt32(&current.aborting, 1)
	panic(abortSignal{})
}

// Guard runs body and turns a panic into the trial's failure: Fail's own
// unwinding is expected, anything else is a crash of Go's code (a nil
// dereference, say). It returns false if the trial failed.
func Guard(body func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, abandoned := r.(abortSignal); !abandoned {
				crash(r)
			}
		}
		ok = Failed() == nil
	}()
	body()
	return true
}

func crash(r any) {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	defer func() { recover() }() // Fail unwinds with abortSignal
	Fail(Failure{Kind: "crash", Message: fmt.Sprint(r), PCs: pcs[:n]})
}

// At is called before an operation: it is the scheduling point.
func At(k Kind, p unsafe.Pointer) { at(k, p, nil) }

// AtBlocking is At for an operation that cannot proceed while blocked()
// (a lock that is held): the scheduler does not pick it then.
func AtBlocking(k Kind, p unsafe.Pointer, blocked func() bool) { at(k, p, blocked) }

func at(k Kind, p unsafe.Pointer, blocked func() bool) {
	switch current.mode {
	case freeRunning:
		if atomic.LoadInt32(&current.aborting) != 0 {
			panic(abortSignal{})
		}
		if atomic.AddInt64(&current.steps, 1) > current.maxSteps {
			Fail(Failure{Kind: "livelock", Message: fmt.Sprintf("livelock: no end after %d operations", current.maxSteps)})
		}
		if current.perturb != 0 {
			perturb()
		}
		return
	case controlled:
		t := current.trial
		th := t.threads[current.thread]
		th.blocked = blocked
		t.arrive <- struct{}{}
		<-th.grant
		if t.abandon {
			panic(abortSignal{})
		}
	}
	if current.tracing {
		op := Op{Thread: current.thread, Kind: k, Addr: uintptr(p)}
		if current.thread != Setup { // the narrative sums the setup up in one line
			op.NPC = runtime.Callers(3, op.PCs[:])
		}
		current.trace = append(current.trace, op)
	}
}

// Done is called after the operation with what it read and wrote.
func Done(k Kind, p unsafe.Pointer, old, new uint64, ok bool) {
	var op *Op
	var scratch Op
	if current.tracing && current.mode != freeRunning {
		op = &current.trace[len(current.trace)-1]
	} else {
		op = &scratch
		op.Thread, op.Kind, op.Addr = Unknown, k, uintptr(p)
		if current.mode != freeRunning {
			op.Thread = current.thread
		}
	}
	op.Old, op.New, op.OK = old, new, ok
	if current.mode == controlled {
		th := current.trial.threads[current.thread]
		th.spun = k == Load && th.last.Kind == Load && th.last.Addr == op.Addr && th.last.Old == old
		th.last = *op
	}
	if Observe != nil {
		Observe(op)
	}
}

// perturb: with probability current.perturb/2^16, a yield or a short spin.
func perturb() {
	x := atomic.AddUint64(&current.counter, 0x9e3779b97f4a7c15)
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	if x&0xffff >= current.perturb {
		return
	}
	if x&(1<<20) != 0 {
		runtime.Gosched()
		return
	}
	spin := uint64(0)
	for i := uint64(0); i < (x>>24)&0x3ff; i++ {
		spin += i
	}
	spinSink.Store(spin)
}

var spinSink atomic.Uint64 // keeps the compiler from dropping the spin

// RunFree runs body(i) for i < n on n goroutines in parallel, perturbed with
// probability perturb/2^16 at each operation; a trial longer than maxSteps
// operations is a livelock.
func RunFree(n int, body func(i int), perturbation uint64, maxSteps int64) {
	current.mode = freeRunning
	current.perturb = perturbation
	current.maxSteps = maxSteps
	atomic.StoreInt64(&current.steps, 0)
	var wg sync.WaitGroup
	var start sync.WaitGroup
	start.Add(1)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			start.Wait()
			Guard(func() { body(i) })
		}(i)
	}
	start.Done()
	wg.Wait()
	current.mode = passThrough
}

// FreeSteps is how many operations the last free-running trial did.
func FreeSteps() int64 { return atomic.LoadInt64(&current.steps) }
