package goruntime

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"unsafe"

	"spancheck.dev/go/sched"
)

// goFiles are the files copied from GOROOT: frames in them are Go's lines.
var goFiles = map[string]bool{"mspanset.go": true, "lfstack.go": true, "lfstack_64bit.go": true}

// GoLine is where in Go's files an operation (or a failure) happened: the
// outermost frame in Go's code (push, pop, ...) and, if the operation is in
// a helper it called (headTailIndex.load, lfstack.pop, ...), that frame too.
func GoLine(pcs []uintptr) string {
	frames := runtime.CallersFrames(pcs)
	var inner, outer string
	for {
		f, more := frames.Next()
		if base := filepath.Base(f.File); goFiles[base] {
			here := fmt.Sprintf("%s:%d %s", base, f.Line, shortFunction(f.Function))
			if inner == "" {
				inner = here
			}
			outer = here
		}
		if !more {
			break
		}
	}
	if inner == outer {
		return outer
	}
	return outer + " > " + inner
}

// shortFunction: spancheck.dev/go/goruntime.(*spanSet).pop → spanSet.pop.
func shortFunction(f string) string {
	f = f[strings.LastIndex(f, "/")+1:]
	f = strings.TrimPrefix(f, "goruntime.")
	return strings.NewReplacer("(*", "", ")", "").Replace(f)
}

// Location names where an operation went, in Go's names: spine, spineLen,
// index, spineLock, spine entry K, slot K of block B, popped of block B,
// lfnode.next of block B, lfstack head.
func Location(op *sched.Op) string {
	w := locate(op.Addr)
	switch w.class {
	case "spine entry":
		return fmt.Sprintf("spine entry %d", w.block)
	case "slot":
		return fmt.Sprintf("slot %d of block %d", w.slot, w.block)
	case "counter":
		return fmt.Sprintf("%s of block %d", blockLayout.counterName, w.block)
	case "lfnode.next":
		return fmt.Sprintf("lfnode.next of block %d", w.block)
	}
	return w.class
}

// LocationClass is the class alone (conformance compares classes).
func LocationClass(op *sched.Op) string {
	if c := locate(op.Addr).class; c != "counter" {
		return c
	}
	return blockLayout.counterName
}

// Value renders a value read or written at the operation's location.
func Value(op *sched.Op, v uint64) string {
	switch w := locate(op.Addr); w.class {
	case "index":
		return fmt.Sprintf("head %d, tail %d", v>>32, uint32(v))
	case "spine entry":
		return blockName(v)
	case "spine":
		for i, sp := range ghosts.spines {
			if uint64(sp) == v {
				return fmt.Sprintf("spine array %d", i)
			}
		}
		return "nil"
	case "slot":
		if v == 0 {
			return "nil"
		}
		return fmt.Sprintf("span s%d", (*mspan)(unsafe.Pointer(uintptr(v))).id)
	case "lfstack head", "lfnode.next":
		if v == 0 {
			return "empty"
		}
		return fmt.Sprintf("%s (tag %d)", blockName(uint64(uintptr(unsafe.Pointer(lfstackUnpack(v))))), v&(1<<cntBits-1))
	}
	return fmt.Sprint(v)
}

func blockName(v uint64) string {
	if v == 0 {
		return "nil"
	}
	if b := blockAt(uintptr(v)); b >= 0 {
		return fmt.Sprintf("block %d", b)
	}
	return fmt.Sprintf("%#x", v)
}

// Describe is one operation in words.
func Describe(op *sched.Op) string {
	loc := Location(op)
	switch op.Kind {
	case sched.Load:
		return fmt.Sprintf("load %s = %s", loc, Value(op, op.Old))
	case sched.Store:
		return fmt.Sprintf("store %s := %s", loc, Value(op, op.New))
	case sched.Xadd:
		return fmt.Sprintf("xadd %s: %s -> %s", loc, Value(op, op.Old), Value(op, op.New))
	case sched.Cas:
		outcome := "ok"
		if !op.OK {
			outcome = "failed"
		}
		return fmt.Sprintf("cas %s: %s -> %s %s", loc, Value(op, op.Old), Value(op, op.New), outcome)
	}
	return fmt.Sprintf("%s %s", op.Kind, loc)
}
