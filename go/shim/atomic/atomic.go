// Package atomic stands in for the runtime's runtime/internal/atomic. Every
// operation is a scheduling point: it asks the scheduler for its turn before
// it touches memory, and reports what it read or wrote after. The operations
// themselves are sync/atomic's, sequentially consistent like the runtime's.
package atomic

import (
	"sync/atomic"
	"unsafe"

	"spancheck.dev/go/sched"
)

func Load(p *uint32) uint32 {
	sched.At(sched.Load, unsafe.Pointer(p))
	v := atomic.LoadUint32(p)
	sched.Done(sched.Load, unsafe.Pointer(p), uint64(v), uint64(v), true)
	return v
}

func Store(p *uint32, v uint32) {
	sched.At(sched.Store, unsafe.Pointer(p))
	atomic.StoreUint32(p, v)
	sched.Done(sched.Store, unsafe.Pointer(p), uint64(v), uint64(v), true)
}

// Xadd returns the new value, as the runtime's does.
func Xadd(p *uint32, delta int32) uint32 {
	sched.At(sched.Xadd, unsafe.Pointer(p))
	v := atomic.AddUint32(p, uint32(delta))
	sched.Done(sched.Xadd, unsafe.Pointer(p), uint64(v-uint32(delta)), uint64(v), true)
	return v
}

func Load64(p *uint64) uint64 {
	sched.At(sched.Load, unsafe.Pointer(p))
	v := atomic.LoadUint64(p)
	sched.Done(sched.Load, unsafe.Pointer(p), v, v, true)
	return v
}

func Store64(p *uint64, v uint64) {
	sched.At(sched.Store, unsafe.Pointer(p))
	atomic.StoreUint64(p, v)
	sched.Done(sched.Store, unsafe.Pointer(p), v, v, true)
}

func Xadd64(p *uint64, delta int64) uint64 {
	sched.At(sched.Xadd, unsafe.Pointer(p))
	v := atomic.AddUint64(p, uint64(delta))
	sched.Done(sched.Xadd, unsafe.Pointer(p), v-uint64(delta), v, true)
	return v
}

func Cas64(p *uint64, old, new uint64) bool {
	sched.At(sched.Cas, unsafe.Pointer(p))
	ok := atomic.CompareAndSwapUint64(p, old, new)
	sched.Done(sched.Cas, unsafe.Pointer(p), old, new, ok)
	return ok
}

func Loaduintptr(p *uintptr) uintptr {
	sched.At(sched.Load, unsafe.Pointer(p))
	v := atomic.LoadUintptr(p)
	sched.Done(sched.Load, unsafe.Pointer(p), uint64(v), uint64(v), true)
	return v
}

func Storeuintptr(p *uintptr, v uintptr) {
	sched.At(sched.Store, unsafe.Pointer(p))
	atomic.StoreUintptr(p, v)
	sched.Done(sched.Store, unsafe.Pointer(p), uint64(v), uint64(v), true)
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
