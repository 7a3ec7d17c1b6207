package sched

import (
	"fmt"
	"math/rand"
	"strings"
)

// Strategy picks the next goroutine among those that can move (ascending).
type Strategy interface {
	Choose(t *Trial, enabled []int) int
}

// Trial is one controlled execution of a scenario's goroutines.
type Trial struct {
	threads  []*thread
	strategy Strategy
	arrive   chan struct{}
	abandon  bool
	// Choices: the goroutine picked at each step where more than one could
	// move. Fed back to Replay, they give the same execution.
	Choices []int
	// Lowest[k]: Choices[k] was the lowest goroutine that could move (what
	// Replay picks past the end of its list).
	Lowest []bool
	Steps  int // operations granted
	// MaxSteps bounds a trial: past it, the trial is a livelock.
	MaxSteps int
}

type thread struct {
	grant   chan struct{}
	blocked func() bool // non-nil: cannot move while it returns true
	done    bool
	last    Op   // its previous operation
	spun    bool // its previous operation re-read what the one before read
}

// RunControlled runs body(i) for i < n one operation at a time, in the order
// s picks. The goroutines that outlive a failure are unwound.
func RunControlled(n int, body func(i int), s Strategy, maxSteps int) *Trial {
	t := &Trial{strategy: s, arrive: make(chan struct{}), MaxSteps: maxSteps}
	current.trial = t
	current.mode = controlled
	for i := 0; i < n; i++ {
		th := &thread{grant: make(chan struct{})}
		t.threads = append(t.threads, th)
		go func(i int) {
			<-th.grant
			Guard(func() { body(i) })
			th.done = true
			t.arrive <- struct{}{}
		}(i)
	}
	// Each goroutine runs up to its first operation, alone.
	for i, th := range t.threads {
		current.thread = i
		th.grant <- struct{}{}
		<-t.arrive
	}
	enabled := make([]int, 0, n)
	for Failed() == nil {
		enabled = enabled[:0]
		live := 0
		for i, th := range t.threads {
			if th.done {
				continue
			}
			live++
			if th.blocked == nil || !th.blocked() {
				enabled = append(enabled, i)
			}
		}
		if live == 0 {
			break
		}
		if len(enabled) == 0 {
			t.failHere(Failure{Kind: "deadlock", Message: "deadlock: every goroutine waits for a lock"})
			break
		}
		if t.Steps >= t.MaxSteps {
			t.failHere(Failure{Kind: "livelock", Message: fmt.Sprintf("livelock: no end after %d operations", t.MaxSteps)})
			break
		}
		next := enabled[0]
		if len(enabled) > 1 {
			next = s.Choose(t, enabled)
			if Failed() != nil {
				break
			}
			t.Choices = append(t.Choices, next)
			t.Lowest = append(t.Lowest, next == enabled[0])
		}
		t.Steps++
		current.thread = next
		t.threads[next].grant <- struct{}{}
		<-t.arrive
	}
	// Unwind whoever is still waiting for its turn.
	t.abandon = true
	for i, th := range t.threads {
		if !th.done {
			current.thread = i
			th.grant <- struct{}{}
			<-t.arrive
		}
	}
	current.mode = passThrough
	current.trial = nil
	return t
}

// failHere records a failure found by the scheduler itself (not by a goroutine).
func (t *Trial) failHere(f Failure) {
	defer func() { recover() }() // Fail unwinds with abortSignal
	Fail(f)
}

// Spun: goroutine i's last load re-read the value its previous one read (a
// spin: it waits for another goroutine).
func (t *Trial) Spun(i int) bool { return t.threads[i].spun }

// Random picks uniformly.
type Random struct{ Rng *rand.Rand }

func (r Random) Choose(_ *Trial, enabled []int) int { return enabled[r.Rng.Intn(len(enabled))] }

// PCT is probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010)
// with depth D: random distinct priorities, the highest that can move runs,
// and at D-1 random steps the running goroutine drops below all others. A
// goroutine that spins (re-reads what it read) yields: it drops too, or it
// would starve the one it waits for.
type PCT struct {
	prio    []int
	changes []int
	low     int
}

// NewPCT draws the priorities of n goroutines and D-1 change points among
// the first `length` steps (the expected length of a trial).
func NewPCT(rng *rand.Rand, n, depth, length int) *PCT {
	p := &PCT{prio: make([]int, n), low: 0}
	for i, v := range rng.Perm(n) {
		p.prio[i] = depth + v
	}
	if length < 1 {
		length = 1
	}
	for i := 1; i < depth; i++ {
		p.changes = append(p.changes, 1+rng.Intn(length))
	}
	return p
}

func (p *PCT) Choose(t *Trial, enabled []int) int {
	best := p.highest(enabled)
	demote := t.Spun(best)
	for _, c := range p.changes {
		demote = demote || c == t.Steps
	}
	if demote {
		p.low--
		p.prio[best] = p.low
		best = p.highest(enabled)
	}
	return best
}

func (p *PCT) highest(enabled []int) int {
	best := enabled[0]
	for _, i := range enabled[1:] {
		if p.prio[i] > p.prio[best] {
			best = i
		}
	}
	return best
}

// Token is the trial's replay token: its choices up to the last one that
// was not the lowest, as "C" or "CxR" (R times C), comma-separated ("-" for
// none).
func (t *Trial) Token() string {
	end := len(t.Choices)
	for end > 0 && t.Lowest[end-1] {
		end--
	}
	var parts []string
	for k := 0; k < end; {
		r := k
		for r < end && t.Choices[r] == t.Choices[k] {
			r++
		}
		if r-k > 1 {
			parts = append(parts, fmt.Sprintf("%dx%d", t.Choices[k], r-k))
		} else {
			parts = append(parts, fmt.Sprint(t.Choices[k]))
		}
		k = r
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

// ParseToken reads a replay token back.
func ParseToken(token string) ([]int, error) {
	var choices []int
	if token == "-" {
		return choices, nil
	}
	for _, part := range strings.Split(token, ",") {
		var c, r int
		if n, err := fmt.Sscanf(part, "%dx%d", &c, &r); err == nil && n == 2 && part == fmt.Sprintf("%dx%d", c, r) && r > 0 && c >= 0 {
			for ; r > 0; r-- {
				choices = append(choices, c)
			}
			continue
		}
		if n, err := fmt.Sscanf(part, "%d", &c); err != nil || n != 1 || part != fmt.Sprint(c) || c < 0 {
			return nil, fmt.Errorf("bad replay token part '%s'", part)
		}
		choices = append(choices, c)
	}
	return choices, nil
}

// Replay follows a list of choices, then picks the lowest goroutine that
// can move (so a replay token needs only the choices up to the failure).
type Replay struct {
	Choices []int
	next    int
}

func (r *Replay) Choose(t *Trial, enabled []int) int {
	if r.next >= len(r.Choices) {
		return enabled[0]
	}
	want := r.Choices[r.next]
	r.next++
	for _, i := range enabled {
		if i == want {
			return i
		}
	}
	t.failHere(Failure{Kind: "bad-replay", Message: fmt.Sprintf(
		"the replay does not fit this code: choice %d names goroutine %d, which cannot move there (it can: %v)",
		r.next, want, enabled)})
	return enabled[0]
}
