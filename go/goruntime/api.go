package goruntime

import (
	"fmt"
	"sync/atomic"
	"unsafe"

	"spancheck.dev/go/sched"
)

// BlockEntries is Go's spanSetBlockEntries, as compiled.
const BlockEntries = spanSetBlockEntries

// Span is a span to push: only its number matters.
type Span = mspan

func NewSpan(id int) *Span { return &mspan{id: id} }
func (s *Span) ID() int    { return s.id }

// Set is one span set, reached through Go's own push, pop and reset.
type Set struct{ s spanSet }

// Block is one of Go's span set blocks.
type Block = spanSetBlock

const trackedBlocks = 64

// NewTrial starts a trial: an empty pool, no blocks, a fresh set, and ghost
// state for `threads` scenario threads.
func NewTrial(threads int) *Set {
	sched.Observe = observe
	spanSetBlockPool = spanSetBlockAlloc{}
	keptMu.Lock()
	kept = kept[:0]
	keptMu.Unlock()
	x := &Set{}
	ghosts.mu.Lock()
	ghosts.blocks, ghosts.spines, ghosts.set = nil, nil, &x.s
	ghosts.entered = make([][]int32, threads)
	for t := range ghosts.entered {
		ghosts.entered[t] = make([]int32, trackedBlocks)
	}
	ghosts.mu.Unlock()
	return x
}

// startOp: a thread starts a push or pop; it has reached no block yet.
func startOp(t int) {
	if t >= 0 && t < len(ghosts.entered) {
		for b := range ghosts.entered[t] {
			ghosts.entered[t][b] = -1
		}
	}
}

func (x *Set) Push(t int, s *Span) { startOp(t); x.s.push(s) }
func (x *Set) Pop(t int) *Span     { startOp(t); return x.s.pop() }
func (x *Set) Reset()              { x.s.reset() }

func PoolAlloc(t int) *Block   { startOp(t); return spanSetBlockPool.alloc() }
func PoolFree(t int, b *Block) { startOp(t); spanSetBlockPool.free(b) }

// BlockNumber: blocks are numbered in allocation order.
func BlockNumber(b *Block) int { return blockAt(uintptr(unsafe.Pointer(b))) }

// CheckPool is I4 and I5 on blocks after reset: every block is on the
// pool's free stack, once, with a zero counter and all slots nil.
func CheckPool() {
	listed := make([]int, len(ghosts.blocks))
	for _, b := range poolListing() {
		if b >= 0 {
			listed[b]++
		}
	}
	for b, g := range ghosts.blocks {
		switch {
		case listed[b] == 0:
			popped := int(atomic.LoadInt32(&g.cleared))
			how := fmt.Sprintf("%d of %d", popped, BlockEntries)
			if popped == BlockEntries {
				how = fmt.Sprint("all ", popped)
			}
			sched.Fail(sched.Failure{Kind: "leak", Message: fmt.Sprintf(
				"block %d leaked: %s slots popped, never returned to the pool", b, how)})
		case listed[b] > 1:
			sched.Fail(sched.Failure{Kind: "pool-dirty", Message: fmt.Sprintf(
				"block %d is listed %d times on the pool's free stack, against its state", b, listed[b])})
		}
		block := (*spanSetBlock)(unsafe.Pointer(g.addr))
		if n := atomic.LoadUint32((*uint32)(unsafe.Add(unsafe.Pointer(block), blockLayout.counter))); n != 0 {
			sched.Fail(sched.Failure{Kind: "pool-dirty", Message: fmt.Sprintf(
				"block %d is in the pool with counter %d (must be 0)", b, n)})
		}
		for k := range block.spans {
			if s := (*mspan)(atomic.LoadPointer((*unsafe.Pointer)(unsafe.Pointer(&block.spans[k])))); s != nil {
				sched.Fail(sched.Failure{Kind: "pool-dirty", Message: fmt.Sprintf(
					"block %d is in the pool with span s%d still in slot %d", b, s.id, k)})
			}
		}
	}
}

// CheckNotPooled: a block that a thread holds must not be on the free stack
// (the pool's ABA defence).
func CheckNotPooled(b *Block, holder int) {
	if n := BlockNumber(b); pooled(n) {
		sched.Fail(sched.Failure{Kind: "pool-corrupt", Message: fmt.Sprintf(
			"block %d is on the pool's free stack while %s holds it", n, ThreadName(holder))})
	}
}
