// Package atomic stands in for the runtime's runtime/internal/atomic. Every
// operation is a scheduling point: it asks the scheduler for its turn before
// it touches memory, and reports what it read and wrote after. The operations
// themselves are sync/atomic's, sequentially consistent like the runtime's.
package atomic

import (
	"sync/atomic"
	"unsafe"

	"spancheck.dev/go/sched"
)

type word interface{ ~uint32 | ~uint64 | ~uintptr }

func load[T word](p *T, op func(*T) T) T {
	sched.At(sched.Load, unsafe.Pointer(p))
	v := op(p)
	sched.Done(sched.Load, unsafe.Pointer(p), uint64(v), uint64(v), true)
	return v
}

func store[T word](p *T, v T, op func(*T, T)) {
	sched.At(sched.Store, unsafe.Pointer(p))
	op(p, v)
	sched.Done(sched.Store, unsafe.Pointer(p), uint64(v), uint64(v), true)
}

// add returns the new value, as the runtime's Xadd does.
func add[T word](p *T, delta T, op func(*T, T) T) T {
	sched.At(sched.Xadd, unsafe.Pointer(p))
	v := op(p, delta)
	sched.Done(sched.Xadd, unsafe.Pointer(p), uint64(v-delta), uint64(v), true)
	return v
}

func Load(p *uint32) uint32                { return load(p, atomic.LoadUint32) }
func Load64(p *uint64) uint64              { return load(p, atomic.LoadUint64) }
func Loaduintptr(p *uintptr) uintptr       { return load(p, atomic.LoadUintptr) }
func Store(p *uint32, v uint32)            { store(p, v, atomic.StoreUint32) }
func Store64(p *uint64, v uint64)          { store(p, v, atomic.StoreUint64) }
func Storeuintptr(p *uintptr, v uintptr)   { store(p, v, atomic.StoreUintptr) }
func Xadd(p *uint32, delta int32) uint32   { return add(p, uint32(delta), atomic.AddUint32) }
func Xadd64(p *uint64, delta int64) uint64 { return add(p, uint64(delta), atomic.AddUint64) }

func Cas64(p *uint64, old, new uint64) bool {
	sched.At(sched.Cas, unsafe.Pointer(p))
	ok := atomic.CompareAndSwapUint64(p, old, new)
	sched.Done(sched.Cas, unsafe.Pointer(p), old, new, ok)
	return ok
}

func Loadp(p unsafe.Pointer) unsafe.Pointer {
	sched.At(sched.Load, p)
	v := atomic.LoadPointer((*unsafe.Pointer)(p))
	sched.Done(sched.Load, p, uint64(uintptr(v)), uint64(uintptr(v)), true)
	return v
}

// StorepNoWB skips the write barrier in the runtime; here the pointer is
// stored with one (Go's collector must still see it).
func StorepNoWB(p unsafe.Pointer, v unsafe.Pointer) {
	sched.At(sched.Store, p)
	atomic.StorePointer((*unsafe.Pointer)(p), v)
	sched.Done(sched.Store, p, uint64(uintptr(v)), uint64(uintptr(v)), true)
}
