// Package cpu stands in for the runtime's internal/cpu: the span set only
// needs the cache line size, for the alignment of what it allocates.
package cpu

// CacheLineSize is amd64's and arm64's (the only value the span set reads).
const CacheLineSize = 64
