package main

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"

	"spancheck.dev/go/goruntime"
	"spancheck.dev/go/sched"
)

// The span set scenarios of spancheck (scenarios/spanset/scenarios.hpp), with
// Go's block size: N = spanSetBlockEntries (512), the spine starting at Go's
// capacity (256), so block-boundary opens block 1 without growing the spine.

type shape struct{ pushers, poppers int }

type scenario struct {
	name, summary string
	shape         shape
	spans         func(shape) int // default spans
	leastSpans    int
	role          string // "": both; "pop": poppers only; "push": pushers only; "alloc": the pool alone
	setup         func(w *world)
	thread        func(w *world, i int)
	check         func(w *world) // nil: checkAll
}

const N = goruntime.BlockEntries

func all(shape) int { return N }

var scenarios = []scenario{
	{name: "two-poppers", summary: "one block of N spans pushed in setup; two poppers take half each (the 39380e8e reproducer)",
		shape: shape{0, 2}, spans: all, role: "pop", setup: pushAll,
		thread: func(w *world, i int) {
			for k := share(len(w.spans), i, w.sh.poppers); k > 0; k-- {
				w.pop(i)
			}
		}},
	{name: "pop-until-empty", summary: "one block of N spans pushed in setup; two poppers pop until they find the set empty",
		shape: shape{0, 2}, spans: all, role: "pop", setup: pushAll, thread: popUntilEmpty},
	{name: "push-pop", summary: "a pusher fills one block while two poppers pop concurrently (poppers may find it empty)",
		shape: shape{1, 2}, spans: all, setup: func(*world) {},
		thread: func(w *world, i int) {
			if i < w.sh.pushers {
				for k := i; k < len(w.spans); k += w.sh.pushers {
					w.push(i, k)
				}
				return
			}
			for k := share(len(w.spans), i-w.sh.pushers, w.sh.poppers); k > 0; k-- {
				w.pop(i)
			}
		}},
	{name: "block-boundary", summary: "pushes complete block 0 and open block 1 (a new block from the pool) while two poppers pop",
		shape: shape{1, 2}, spans: func(sh shape) int { return N - 1 + sh.pushers + 1 }, leastSpans: N + 1,
		setup: func(w *world) {
			for k := 0; k+1 < N; k++ {
				w.push(sched.Setup, k)
			}
		},
		thread: func(w *world, i int) {
			if i < w.sh.pushers {
				for k := N - 1 + i; k < len(w.spans); k += w.sh.pushers {
					w.push(i, k)
				}
				return
			}
			w.pop(i)
		}},
	{name: "reset-after-drain", summary: "N+1 spans drained by two poppers, then reset, then a second cycle on the pooled blocks",
		shape: shape{0, 2}, spans: func(shape) int { return N + 1 }, role: "pop", setup: pushAll, thread: popUntilEmpty,
		check: func(w *world) {
			w.checkAll()
			w.newCycle()
			pushAll(w)
			w.checkAll()
		}},
	{name: "two-pushers", summary: "two pushers race to add block 0 (spine lock, re-check under the lock); the final checks pop",
		shape: shape{2, 0}, spans: func(sh shape) int { return sh.pushers }, role: "push", setup: func(*world) {},
		thread: func(w *world, i int) {
			for k := i; k < len(w.spans); k += w.sh.pushers {
				w.push(i, k)
			}
		}},
	{name: "pool-aba", summary: "two allocators on a pool of two blocks: one takes a block, the other takes two and frees one",
		shape: shape{0, 2}, spans: func(shape) int { return 0 }, role: "alloc",
		setup: func(w *world) {
			first, second := goruntime.PoolAlloc(sched.Setup), goruntime.PoolAlloc(sched.Setup)
			goruntime.PoolFree(sched.Setup, first)
			goruntime.PoolFree(sched.Setup, second)
		},
		thread: func(w *world, i int) {
			if i == 0 {
				w.held[0] = goruntime.PoolAlloc(i)
				return
			}
			taken := goruntime.PoolAlloc(i)
			w.held[1] = goruntime.PoolAlloc(i)
			goruntime.PoolFree(i, taken)
		},
		check: func(w *world) {
			for i, b := range w.held {
				goruntime.CheckNotPooled(b, i)
			}
			for _, b := range w.held {
				goruntime.PoolFree(sched.Checks, b)
			}
			goruntime.CheckPool()
		}},
}

func scenarioNames() string {
	var names []string
	for _, s := range scenarios {
		names = append(names, s.name)
	}
	return strings.Join(names, ", ")
}

func findScenario(name string) (*scenario, error) {
	for i := range scenarios {
		if scenarios[i].name == name {
			return &scenarios[i], nil
		}
	}
	return nil, fmt.Errorf("unknown scenario '%s'; accepted: %s", name, scenarioNames())
}

// refusal: a shape or span count the scenario cannot take ("" if fine).
func (s *scenario) refusal(sh shape, spans int) string {
	switch s.role {
	case "pop":
		if sh.pushers != 0 {
			return "scenario " + s.name + " has no pushers; give it popper threads only"
		}
	case "push":
		if sh.poppers != 0 {
			return "scenario " + s.name + " has no poppers; give it pusher threads only"
		}
	case "alloc":
		if sh.pushers != 0 || sh.poppers != 2 {
			return "scenario pool-aba runs exactly two allocator threads"
		}
		if spans > 0 {
			return "scenario pool-aba moves no spans (it runs the block pool alone); drop --spans"
		}
	}
	if sh.pushers+sh.poppers == 0 {
		return "scenario " + s.name + " needs at least one thread"
	}
	if spans > 0 && spans < s.leastSpans {
		return fmt.Sprintf("scenario %s needs at least %d spans; accepted: --spans %d or more", s.name, s.leastSpans, s.leastSpans)
	}
	return ""
}

func (s *scenario) threadName(sh shape, i int) string {
	switch {
	case i == sched.Setup:
		return "setup"
	case i == sched.Checks:
		return "final checks"
	case i == sched.Unknown:
		return "a thread"
	case s.role == "alloc":
		return lettered("allocator", i)
	case i < sh.pushers:
		if sh.pushers == 1 {
			return "pusher"
		}
		return lettered("pusher", i)
	}
	return lettered("popper", i-sh.pushers)
}

func lettered(role string, i int) string { return fmt.Sprintf("%s %c", role, 'A'+i) }

func share(total, i, n int) int {
	s := total / n
	if i < total%n {
		s++
	}
	return s
}

func pushAll(w *world) {
	for k := range w.spans {
		w.push(sched.Setup, k)
	}
}

func popUntilEmpty(w *world, i int) {
	for w.pop(i) {
	}
}

// world is one trial: Go's span set, the spans, and the ledger of I1/I5.
type world struct {
	sh       shape
	set      *goruntime.Set
	spans    []*goruntime.Span
	pushed   []int32
	poppedBy []int32 // 0: nobody yet, else thread + 3
	held     [2]*goruntime.Block
	name     func(int) string
}

func newWorld(s *scenario, sh shape, spans int) *world {
	w := &world{sh: sh, set: goruntime.NewTrial(sh.pushers + sh.poppers)}
	for k := 0; k < spans; k++ {
		w.spans = append(w.spans, goruntime.NewSpan(k))
	}
	w.pushed = make([]int32, spans)
	w.poppedBy = make([]int32, spans)
	w.name = func(t int) string { return s.threadName(sh, t) }
	goruntime.ThreadName = w.name
	return w
}

func (w *world) newCycle() {
	for k := range w.spans {
		atomic.StoreInt32(&w.pushed[k], 0)
		atomic.StoreInt32(&w.poppedBy[k], 0)
	}
}

func (w *world) push(t, k int) {
	atomic.StoreInt32(&w.pushed[k], 1)
	w.set.Push(t, w.spans[k])
}

// pop pops once and enters the span in the ledger; false if the set was empty.
func (w *world) pop(t int) bool {
	s := w.set.Pop(t)
	if s == nil {
		return false
	}
	if before := atomic.SwapInt32(&w.poppedBy[s.ID()], int32(t+3)); before != 0 {
		sched.Fail(sched.Failure{Kind: "span-duplicated", Message: fmt.Sprintf(
			"span s%d popped twice: by %s and by %s", s.ID(), w.name(int(before-3)), w.name(t))})
	}
	return true
}

// checkAll: drain, every pushed span popped once, reset, every block back
// in the pool, clean.
func (w *world) checkAll() {
	for w.pop(sched.Checks) {
	}
	var lost []int
	for k := range w.spans {
		if atomic.LoadInt32(&w.pushed[k]) != 0 && atomic.LoadInt32(&w.poppedBy[k]) == 0 {
			lost = append(lost, k)
		}
	}
	sort.Ints(lost)
	if len(lost) > 0 {
		sched.Fail(sched.Failure{Kind: "span-lost", Message: fmt.Sprintf("span s%d lost: pushed, never popped", lost[0])})
	}
	w.set.Reset()
	goruntime.CheckPool()
}
