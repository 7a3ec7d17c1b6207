package goruntime

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	"spancheck.dev/go/sched"
)

// Ghost state: what the final checks and the narrative need to know about
// Go's blocks and spine arrays. Go's code never reads it.

// blockLayout is found by reflection, so that a patched spanSetBlock (a
// `used` counter for `popped`, say) needs no change here.
var blockLayout = func() (l struct {
	size, counter, spans uintptr
	counterName          string
}) {
	t := reflect.TypeOf(spanSetBlock{})
	l.size = t.Size()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Type.Kind() == reflect.Uint32:
			l.counter, l.counterName = f.Offset, f.Name
		case f.Type.Kind() == reflect.Array:
			l.spans = f.Offset
		}
	}
	return l
}()

type blockGhost struct {
	addr    uintptr
	life    int32 // bumped by each return to the pool
	cleared int32 // slots popped (cleared) since it last left the pool
}

var ghosts struct {
	mu     sync.Mutex
	blocks []*blockGhost
	spines []uintptr // spine arrays, in allocation order
	set    *spanSet
	// entered[t][b]: the life of block b when thread t reached it in its
	// current push or pop (-1: not reached).
	entered [][]int32
}

// ThreadName names a scenario thread in messages; the harness sets it.
var ThreadName = func(t int) string { return fmt.Sprint("thread ", t) }

func registerAllocation(p, size uintptr) {
	ghosts.mu.Lock()
	defer ghosts.mu.Unlock()
	if size == blockLayout.size {
		ghosts.blocks = append(ghosts.blocks, &blockGhost{addr: p})
	} else {
		ghosts.spines = append(ghosts.spines, p)
	}
}

// where is the location an address belongs to.
type where struct {
	class string // spine, spineLen, index, spineLock, lfstack head, spine entry, lfnode.next, counter, slot
	block int    // block number (a block's field), spine entry index, or spine array number
	slot  int
	ghost *blockGhost // a block's field: the block's ghost
}

func locate(a uintptr) where {
	s := ghosts.set
	if s != nil {
		switch a {
		case uintptr(unsafe.Pointer(&s.spine)):
			return where{class: "spine"}
		case uintptr(unsafe.Pointer(&s.spineLen)):
			return where{class: "spineLen"}
		case uintptr(unsafe.Pointer(&s.index)):
			return where{class: "index"}
		case uintptr(unsafe.Pointer(&s.spineLock)):
			return where{class: "spineLock"}
		}
	}
	if a == uintptr(unsafe.Pointer(&spanSetBlockPool.stack)) {
		return where{class: "lfstack head"}
	}
	ghosts.mu.Lock()
	defer ghosts.mu.Unlock()
	for i, b := range ghosts.blocks {
		if a >= b.addr && a < b.addr+blockLayout.size {
			switch off := a - b.addr; {
			case off >= blockLayout.spans:
				return where{class: "slot", block: i, slot: int((off - blockLayout.spans) / unsafe.Sizeof(uintptr(0))), ghost: b}
			case off == blockLayout.counter:
				return where{class: "counter", block: i, ghost: b}
			default:
				return where{class: "lfnode.next", block: i, ghost: b}
			}
		}
	}
	for _, sp := range ghosts.spines {
		if a >= sp && a < sp+spanSetInitSpineCap*4*unsafe.Sizeof(uintptr(0)) {
			return where{class: "spine entry", block: int((a - sp) / unsafe.Sizeof(uintptr(0)))}
		}
	}
	return where{class: fmt.Sprintf("%#x", a)}
}

// blockAt is the number of the block at address a (-1: none).
func blockAt(a uintptr) int {
	ghosts.mu.Lock()
	defer ghosts.mu.Unlock()
	for i, b := range ghosts.blocks {
		if b.addr == a {
			return i
		}
	}
	return -1
}

// pooled reports whether block b is on the pool's free stack now (walked
// from its head; only meaningful while nobody else moves).
func pooled(b int) bool {
	for _, l := range poolListing() {
		if l == b {
			return true
		}
	}
	return false
}

// poolListing walks the pool's free stack: the block numbers from the top,
// at most one more than there are blocks (a cycle shows as a repeat).
func poolListing() []int {
	var out []int
	for v := atomic.LoadUint64((*uint64)(&spanSetBlockPool.stack)); v != 0 && len(out) <= len(ghosts.blocks); {
		node := lfstackUnpack(v)
		out = append(out, blockAt(uintptr(unsafe.Pointer(node))))
		v = atomic.LoadUint64(&node.next)
	}
	return out
}

func observe(op *sched.Op) {
	w := locate(op.Addr)
	switch w.class {
	case "lfstack head":
		if op.Kind == sched.Cas && op.OK {
			poolMoved(op)
		}
	case "spine entry":
		if op.Kind == sched.Load && op.Old != 0 {
			enter(op.Thread, blockAt(uintptr(op.Old)))
		}
	case "slot", "counter":
		touch(op, w)
		if w.class == "slot" && op.Kind == sched.Store && op.New == 0 {
			atomic.AddInt32(&w.ghost.cleared, 1)
		}
	}
}

// poolMoved: a successful CAS of the pool's head is a push (the new head's
// next is the old head) or a pop (the old head's next is the new head).
func poolMoved(op *sched.Op) {
	if op.New != 0 {
		if node := lfstackUnpack(op.New); atomic.LoadUint64(&node.next) == op.Old {
			if g := ghostOf(blockAt(uintptr(unsafe.Pointer(node)))); g != nil {
				atomic.AddInt32(&g.life, 1)
			}
			return
		}
	}
	b := blockAt(uintptr(unsafe.Pointer(lfstackUnpack(op.Old))))
	if g := ghostOf(b); g != nil {
		atomic.StoreInt32(&g.cleared, 0)
		enter(op.Thread, b)
	}
}

// ghostOf is block b's ghost (nil for none).
func ghostOf(b int) *blockGhost {
	ghosts.mu.Lock()
	defer ghosts.mu.Unlock()
	if b < 0 || b >= len(ghosts.blocks) {
		return nil
	}
	return ghosts.blocks[b]
}

// enter: thread t reached block b (under the scheduler only: t is known).
func enter(t, b int) {
	if t < 0 || t >= len(ghosts.entered) || b < 0 || b >= trackedBlocks {
		return
	}
	ghosts.entered[t][b] = atomic.LoadInt32(&ghostOf(b).life)
}

// touch: a thread's access to a block's slot or counter. Under the
// scheduler (thread known), a block that went back to the pool since the
// thread reached it, or that is in the pool, is a use after free.
func touch(op *sched.Op, w where) {
	t := op.Thread
	if t < 0 || t >= len(ghosts.entered) {
		return
	}
	if w.block >= trackedBlocks {
		return
	}
	life := atomic.LoadInt32(&w.ghost.life)
	reached := ghosts.entered[t][w.block]
	if pooled(w.block) {
		sched.Fail(sched.Failure{Kind: "use-after-free", Message: fmt.Sprintf(
			"%s used block %d while it was in the pool", ThreadName(t), w.block)})
	}
	if reached >= 0 && reached != life {
		sched.Fail(sched.Failure{Kind: "use-after-free", Message: fmt.Sprintf(
			"%s used block %d after it was returned to the pool", ThreadName(t), w.block)})
	}
}
