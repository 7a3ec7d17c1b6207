// Package goarch stands in for the runtime's internal/goarch.
package goarch

// PtrSize is the size of a pointer in bytes: 8 on 64-bit platforms, 4 on 32-bit.
const PtrSize = 4 << (^uintptr(0) >> 63)
