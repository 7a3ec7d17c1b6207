// spancheck-go-harness: Go's own span set (mspanset.go, lfstack.go,
// lfstack_64bit.go, compiled from a GOROOT by spancheck-go-build) under
// spancheck's span set scenarios, on goroutines, free-running or under a
// controlled scheduler. Exit codes as spancheck's: 0 holds (no violation in
// the trials run), 1 violated, 2 bad input.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"time"

	"spancheck.dev/go/goruntime"
	"spancheck.dev/go/sched"
)

const (
	exitHolds    = 0
	exitViolated = 1
	exitBadInput = 2
)

type options struct {
	scenario         string
	pushers, poppers int
	spans            int
	schedule         string
	trials           int
	seed             int64
	json             string
	trace            bool
	source           string
	rerunAs          string
	maxSteps         int
}

// schedule is a parsed --schedule.
type schedule struct {
	kind    string // free, random, pct, replay
	perturb uint64 // free: probability in 1/2^16
	depth   int    // pct
	choices []int  // replay
	text    string
}

const scheduleForms = "free[:PERCENT] (free-running goroutines, perturbed at PERCENT of the operations, default 5), " +
	"random, pct:D (PCT of depth D >= 1), replay:TOKEN (the choices a report printed)"

func parseSchedule(text string) (schedule, error) {
	s := schedule{text: text}
	kind, arg, hasArg := strings.Cut(text, ":")
	s.kind = kind
	bad := fmt.Errorf("bad --schedule '%s'; accepted: %s", text, scheduleForms)
	switch kind {
	case "free":
		percent := 5.0
		if hasArg {
			p, err := strconv.ParseFloat(arg, 64)
			if err != nil || p < 0 || p > 100 {
				return s, bad
			}
			percent = p
		}
		s.perturb = uint64(percent / 100 * 65536)
	case "random":
		if hasArg {
			return s, bad
		}
	case "pct":
		d, err := strconv.Atoi(arg)
		if err != nil || d < 1 {
			return s, bad
		}
		s.depth = d
	case "replay":
		choices, err := sched.ParseToken(arg)
		if err != nil || !hasArg {
			return s, fmt.Errorf("bad --schedule '%s': %v; accepted: replay:TOKEN as a report printed it", text, err)
		}
		s.choices = choices
	default:
		return s, bad
	}
	return s, nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

func badInput(err error) int {
	fmt.Fprintln(os.Stderr, "spancheck go: "+err.Error())
	return exitBadInput
}

func run(args []string, out io.Writer) int {
	var o options
	flags := flag.NewFlagSet("spancheck go", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&o.scenario, "scenario", "two-poppers", "scenario")
	flags.IntVar(&o.pushers, "pushers", -1, "pusher threads")
	flags.IntVar(&o.poppers, "poppers", -1, "popper threads")
	flags.IntVar(&o.spans, "spans", 0, "spans the scenario moves")
	flags.StringVar(&o.schedule, "schedule", "random", scheduleForms)
	flags.IntVar(&o.trials, "trials", 1000, "trials")
	flags.Int64Var(&o.seed, "seed", 1, "seed")
	flags.StringVar(&o.json, "json", "", "also write the report as JSON here")
	flags.BoolVar(&o.trace, "trace", false, "print every operation of the (last) trial, even if it holds")
	flags.StringVar(&o.source, "source", goruntime.Source, "what Go source this is, for the report")
	flags.StringVar(&o.rerunAs, "rerun-as", "spancheck go", "the command that reruns this, for the replay line")
	flags.IntVar(&o.maxSteps, "max-steps", 200000, "a trial longer than this is a livelock")
	if err := flags.Parse(args); err != nil {
		return badInput(fmt.Errorf("%v; see spancheck go --help", err))
	}
	if flags.NArg() > 0 {
		return badInput(fmt.Errorf("unexpected argument '%s'; see spancheck go --help", flags.Arg(0)))
	}
	s, err := findScenario(o.scenario)
	if err != nil {
		return badInput(err)
	}
	sh := s.shape
	if o.pushers >= 0 {
		sh.pushers = o.pushers
	}
	if o.poppers >= 0 {
		sh.poppers = o.poppers
	}
	if why := s.refusal(sh, o.spans); why != "" {
		return badInput(errors.New(why))
	}
	sc, err := parseSchedule(o.schedule)
	if err != nil {
		return badInput(err)
	}
	if o.trials < 1 {
		return badInput(errors.New("bad --trials; accepted: a number >= 1"))
	}
	if sc.kind == "replay" {
		o.trials = 1
	}
	spans := o.spans
	if spans == 0 {
		spans = s.spans(sh)
	}
	r := runner{o: o, s: s, sh: sh, sc: sc, spans: spans, out: out}
	return r.run()
}

type runner struct {
	o     options
	s     *scenario
	sh    shape
	sc    schedule
	spans int
	out   io.Writer
}

// outcome of one trial.
type outcome struct {
	failure *sched.Failure
	trial   *sched.Trial // controlled only
	trace   []sched.Op
	steps   int64
}

func (r *runner) trial(k int, pctLength int, tracing bool) outcome {
	sched.Begin()
	sched.Tracing(tracing)
	w := newWorld(r.s, r.sh, r.spans)
	var o outcome
	if !sched.Guard(func() { r.s.setup(w) }) {
		o.failure, o.trace = sched.Failed(), sched.Trace()
		return o
	}
	threads := r.sh.pushers + r.sh.poppers
	body := func(i int) { r.s.thread(w, i) }
	if r.sc.kind == "free" {
		sched.RunFree(threads, body, r.sc.perturb, 10_000_000)
		o.steps = sched.FreeSteps()
	} else {
		rng := rand.New(rand.NewSource(r.o.seed + int64(k)))
		var strategy sched.Strategy
		switch r.sc.kind {
		case "random":
			strategy = sched.Random{Rng: rng}
		case "pct":
			strategy = sched.NewPCT(rng, threads, r.sc.depth, pctLength)
		case "replay":
			strategy = &sched.Replay{Choices: r.sc.choices}
		}
		o.trial = sched.RunControlled(threads, body, strategy, r.o.maxSteps)
		o.steps = int64(o.trial.Steps)
	}
	if sched.Failed() == nil {
		sched.Checking()
		check := r.s.check
		if check == nil {
			check = (*world).checkAll
		}
		sched.Guard(func() { check(w) })
	}
	o.failure, o.trace = sched.Failed(), sched.Trace()
	return o
}

func (r *runner) run() int {
	start := time.Now()
	var total int64
	pctLength := 2000
	for k := 0; k < r.o.trials; k++ {
		last := k == r.o.trials-1
		o := r.trial(k, pctLength, r.sc.kind == "replay" || (r.o.trace && last))
		total += o.steps
		if o.steps > 0 {
			pctLength = int(o.steps)
		}
		if o.failure != nil && o.failure.Kind == "bad-replay" {
			return badInput(errors.New(o.failure.Message))
		}
		if o.failure == nil && !(r.o.trace && last) {
			continue
		}
		elapsed := time.Since(start)
		token := ""
		if o.trial != nil {
			token = o.trial.Token()
			if r.sc.kind != "replay" {
				// The narrative comes from a replay of the trial: the same execution, traced.
				found := r.sc
				r.sc = schedule{kind: "replay", choices: mustParse(token)}
				o = r.trial(k, pctLength, true)
				r.sc = found
			}
		}
		r.report(o, k, elapsed, total, token)
		if o.failure != nil {
			return exitViolated
		}
		break
	}
	if r.o.trace {
		return exitHolds
	}
	elapsed := time.Since(start)
	fmt.Fprintf(r.out, "HOLDS: %s on Go's span set, %d trial%s of %s (seed %d): every span popped once, every block back in the pool, no throw\n",
		r.s.name, r.o.trials, plural(r.o.trials), r.scheduleName(), r.o.seed)
	fmt.Fprintf(r.out, "  %s\n", r.context())
	fmt.Fprintf(r.out, "%d scheduled operations in %.3f s (%.0f operations/s); not a proof: %s schedules are samples\n",
		total, elapsed.Seconds(), float64(total)/elapsed.Seconds(), r.scheduleName())
	r.writeJSON(map[string]any{"verdict": "holds", "scenario": r.s.name, "schedule": r.sc.text, "trials": r.o.trials,
		"seed": r.o.seed, "operations": total, "seconds": elapsed.Seconds(), "source": r.o.source})
	return exitHolds
}

func mustParse(token string) []int {
	c, err := sched.ParseToken(token)
	if err != nil {
		panic(err)
	}
	return c
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (r *runner) scheduleName() string {
	switch r.sc.kind {
	case "free":
		return fmt.Sprintf("free-running (perturbed at %.1f%% of operations)", float64(r.sc.perturb)*100/65536)
	case "pct":
		return fmt.Sprintf("PCT depth %d", r.sc.depth)
	case "replay":
		return "replay"
	}
	return "random"
}

func (r *runner) context() string {
	source := r.o.source
	if source == "" {
		source = "Go's span set"
	}
	var threads []string
	if r.sh.pushers > 0 {
		threads = append(threads, fmt.Sprintf("%d pusher%s", r.sh.pushers, plural(r.sh.pushers)))
	}
	if r.sh.poppers > 0 {
		role := "popper"
		if r.s.role == "alloc" {
			role = "allocator"
		}
		threads = append(threads, fmt.Sprintf("%d %s%s", r.sh.poppers, role, plural(r.sh.poppers)))
	}
	return fmt.Sprintf("%s on %s (%d slots per block, %d spans; %s)", source, r.s.name, N, r.spans, strings.Join(threads, ", "))
}

// narrativeTail: the threads' steps shown before the end (the rest are counted).
const narrativeTail = 60

func (r *runner) report(o outcome, k int, elapsed time.Duration, total int64, token string) {
	f := o.failure
	if f != nil {
		fmt.Fprintf(r.out, "VIOLATED: %s  [%s]\n", f.Message, f.Kind)
		if where := goruntime.GoLine(f.PCs); where != "" {
			fmt.Fprintf(r.out, "  at %s\n", where)
		}
	} else {
		fmt.Fprintf(r.out, "HOLDS: %s on Go's span set, one traced trial\n", r.s.name)
	}
	fmt.Fprintf(r.out, "  %s\n\n", r.context())
	if len(o.trace) > 0 {
		fmt.Fprintln(r.out, "Interleaving, one shared-memory operation of Go's code a line, with Go's file and line:")
		r.narrative(o)
		if f != nil {
			fmt.Fprintln(r.out, "  (> the step that broke the invariant)")
		}
		fmt.Fprintln(r.out)
	}
	switch {
	case f != nil && r.sc.kind == "replay":
		fmt.Fprintf(r.out, "Replayed one execution: %d scheduled operations.\n", total)
	case f != nil:
		fmt.Fprintf(r.out, "Found in trial %d of %d (%s, seed %d) after %.1f ms, %d scheduled operations.\n",
			k+1, r.o.trials, r.scheduleName(), r.o.seed, float64(elapsed.Microseconds())/1000, total)
	}
	if token != "" {
		fmt.Fprintf(r.out, "Replay: %s --scenario %s%s --schedule replay:%s\n", r.o.rerunAs, r.s.name, r.shapeOptions(), token)
	}
	rep := map[string]any{"verdict": "holds", "scenario": r.s.name, "schedule": r.sc.text, "source": r.o.source, "replay": token,
		"operations": total, "seconds": elapsed.Seconds()}
	if f != nil {
		rep["verdict"], rep["kind"], rep["message"], rep["trial"] = "violated", f.Kind, f.Message, k+1
	}
	var steps []map[string]any
	for i := range o.trace {
		op := &o.trace[i]
		steps = append(steps, map[string]any{"step": i + 1, "thread": r.s.threadName(r.sh, op.Thread),
			"go": goruntime.GoLine(op.PCs[:op.NPC]), "op": goruntime.Describe(op)})
	}
	rep["steps"] = steps
	r.writeJSON(rep)
}

func (r *runner) shapeOptions() string {
	s := ""
	if r.sh.pushers != r.s.shape.pushers {
		s += fmt.Sprintf(" --pushers %d", r.sh.pushers)
	}
	if r.sh.poppers != r.s.shape.poppers {
		s += fmt.Sprintf(" --poppers %d", r.sh.poppers)
	}
	if r.o.spans != 0 {
		s += fmt.Sprintf(" --spans %d", r.o.spans)
	}
	return s
}

// narrative prints the trace: setup summed up in one line, the threads'
// last narrativeTail steps (unless --trace), the final checks in full.
func (r *runner) narrative(o outcome) {
	first, last := -1, -1
	for i, op := range o.trace {
		if op.Thread >= 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	line := func(i int) {
		op := &o.trace[i]
		mark := " "
		if o.failure != nil && i == o.failure.Step {
			mark = ">"
		}
		fmt.Fprintf(r.out, "%s%6d  %-13s %-44s %s\n", mark, i+1, r.s.threadName(r.sh, op.Thread),
			goruntime.GoLine(op.PCs[:op.NPC]), goruntime.Describe(op))
	}
	setupEnd := first
	if setupEnd < 0 {
		setupEnd = len(o.trace)
		for setupEnd > 0 && o.trace[setupEnd-1].Thread == sched.Checks {
			setupEnd--
		}
	}
	if setupEnd > 0 {
		fmt.Fprintf(r.out, "%7s  %-13s (%d operations: the scenario's setup)\n", "1-"+fmt.Sprint(setupEnd), "setup", setupEnd)
	}
	shown := r.shownSteps(o.trace, first, last)
	for i := setupEnd; i < len(o.trace); {
		if shown[i] {
			line(i)
			i++
			continue
		}
		gap := i
		for i < len(o.trace) && !shown[i] {
			i++
		}
		fmt.Fprintf(r.out, "%7s  %-13s (%d operations of the threads; --trace prints every one)\n",
			fmt.Sprintf("%d-%d", gap+1, i), "…", i-gap)
	}
}

// shownSteps: which of the threads' steps the narrative prints. All with
// --trace; else the last narrativeTail, and each thread's last push or pop
// from its claim of a slot on (the steps that decide the outcome).
func (r *runner) shownSteps(trace []sched.Op, first, last int) []bool {
	shown := make([]bool, len(trace))
	for i := range trace {
		shown[i] = r.o.trace || i > last || i+narrativeTail > last
	}
	if first < 0 {
		return shown
	}
	claimed := map[int]bool{}
	for i := last; i >= first; i-- {
		op := &trace[i]
		if op.Thread < 0 || claimed[op.Thread] {
			continue
		}
		shown[i] = true
		if goruntime.LocationClass(op) == "index" && (op.Kind == sched.Xadd || op.Kind == sched.Cas && op.OK) {
			claimed[op.Thread] = true
		}
	}
	return shown
}

func (r *runner) writeJSON(rep map[string]any) {
	if r.o.json == "" {
		return
	}
	text, _ := json.MarshalIndent(rep, "", "  ")
	if err := os.WriteFile(r.o.json, append(text, '\n'), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "spancheck go: cannot write the report %s: %v\n", r.o.json, err)
		os.Exit(exitBadInput)
	}
}
