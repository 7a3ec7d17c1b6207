// Span set scenarios: setup, one body per thread, final checks. World-agnostic:
// the same code runs under the model checker and on real threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "../scenario.hpp"
#include "../shape.hpp"
#include "harness.hpp"

namespace spancheck::spanset {

// Threads 0 .. pushers-1 push, the rest pop.
inline std::string role_name(const shape& sh, unsigned i) {
    if (i < sh.pushers) return sh.pushers == 1 ? std::string("pusher") : lettered("pusher", i);
    return lettered("popper", i - sh.pushers);
}

// §5.1: a push that claims a cursor in block k+1 while block k has not been
// added yet breaks the slow path (it stores spine[top] but bumps spineLen by
// one). That needs more than N pushes in flight, which Go never has (pushes
// in flight <= GOMAXPROCS, N = 512). A tiny-block model must not go there.
template <std::uintptr_t N>
std::string capacity_refusal(std::string_view scenario, const shape& sh) {
    if (sh.pushers <= N) return {};
    return "scenario " + std::string(scenario) + " runs " + std::to_string(sh.pushers) +
           " concurrent pushers but a block has " + std::to_string(N) +
           " slots: more than N pushes in flight break the span set's small-block capacity assumption "
           "(docs/spanset-protocol.md §5.1), a state Go cannot reach; use at most " +
           std::to_string(N) + " pushers or more slots per block";
}

// A scenario whose threads all pop (or all push) cannot take the other role.
inline std::string single_role_refusal(std::string_view scenario, const shape& sh, bool pushes) {
    if ((pushes ? sh.poppers : sh.pushers) == 0) return {};
    return "scenario " + std::string(scenario) + " has no " + (pushes ? "poppers" : "pushers") + "; give it " +
           (pushes ? "pusher" : "popper") + " threads only";
}

// A --spans that a scenario cannot take.
inline std::string spans_refusal(std::string_view scenario, std::size_t spans, std::size_t least, const char* why) {
    if (spans == 0 || spans >= least) return {};
    return "scenario " + std::string(scenario) + " needs at least " + std::to_string(least) + " spans (" + why +
           "); accepted: --spans " + std::to_string(least) + " or more";
}

// Base of the scenarios below: the harness, the shape and the thread names.
// `spans` is how many spans the scenario moves (0: its default).
template <class H>
class scenario_base {
public:
    scenario_base(shape sh, std::size_t spans) : shape_(sh), h_(spans) {}
    static std::string thread_name(const shape& sh, unsigned i) { return role_name(sh, i); }
    void check() { h_.check_all(); }

protected:
    // The share of `total` operations that thread `i` of `n` does.
    static std::size_t share(std::size_t total, unsigned i, unsigned n) { return total / n + (i < total % n); }

    shape shape_;
    H h_;
};

// The reproducer of 39380e8e: a block is filled before the threads start, then
// two poppers empty it. No push runs concurrently; the only race is between
// the two pops' counter updates.
template <class H>
class two_poppers : public scenario_base<H> {
public:
    static constexpr std::string_view name = "two-poppers";
    static constexpr bool concurrent_pops = true;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "one block of N spans pushed in setup; two poppers take half each (the 39380e8e reproducer)";
    static constexpr shape default_shape{0, 2};
    static std::size_t default_spans(shape) { return H::N; }

    explicit two_poppers(shape sh = default_shape, std::size_t spans = 0)
        : scenario_base<H>(sh, spans ? spans : default_spans(sh)) {}
    static std::string refusal(shape sh, std::size_t = 0) { return single_role_refusal(name, sh, false); }

    void setup() {
        for (std::size_t i = 0; i < this->h_.spans(); ++i) this->h_.push(i);
    }
    void thread(unsigned i) {
        for (std::size_t k = this->share(this->h_.spans(), i, this->shape_.poppers); k > 0; --k) this->h_.pop();
    }
};

// As two-poppers, but each popper pops until it finds the set empty.
template <class H>
class pop_until_empty : public scenario_base<H> {
public:
    static constexpr std::string_view name = "pop-until-empty";
    static constexpr bool concurrent_pops = true;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "one block of N spans pushed in setup; two poppers pop until they find the set empty";
    static constexpr shape default_shape{0, 2};
    static std::size_t default_spans(shape) { return H::N; }

    explicit pop_until_empty(shape sh = default_shape, std::size_t spans = 0)
        : scenario_base<H>(sh, spans ? spans : default_spans(sh)) {}
    static std::string refusal(shape sh, std::size_t = 0) { return single_role_refusal(name, sh, false); }

    void setup() {
        for (std::size_t i = 0; i < this->h_.spans(); ++i) this->h_.push(i);
    }
    void thread(unsigned) {
        while (this->h_.pop()) {
        }
    }
};

// Pushes and pops of one block at the same time: poppers wait on slots whose
// pusher has claimed but not stored, and may find the set empty.
template <class H>
class push_pop : public scenario_base<H> {
public:
    static constexpr std::string_view name = "push-pop";
    static constexpr bool concurrent_pops = true;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "a pusher fills one block while two poppers pop concurrently (poppers may find it empty)";
    static constexpr shape default_shape{1, 2};
    static std::size_t default_spans(shape) { return H::N; }

    explicit push_pop(shape sh = default_shape, std::size_t spans = 0)
        : scenario_base<H>(sh, spans ? spans : default_spans(sh)) {}
    static std::string refusal(shape sh, std::size_t = 0) { return capacity_refusal<H::N>(name, sh); }

    void setup() {}
    void thread(unsigned i) {
        const shape& sh = this->shape_;
        if (i < sh.pushers) {
            for (std::size_t k = i; k < this->h_.spans(); k += sh.pushers) this->h_.push(k);
        } else {
            for (std::size_t k = this->share(this->h_.spans(), i - sh.pushers, sh.poppers); k > 0; --k) this->h_.pop();
        }
    }
};

// The block boundary: block 0 is one span short of full when the threads
// start; the pusher completes it and starts block 1, which allocates a block
// and grows the spine (initial capacity 1), while the poppers drain block 0
// and may free it.
template <class H>
class block_boundary : public scenario_base<H> {
public:
    static constexpr std::string_view name = "block-boundary";
    static constexpr bool concurrent_pops = true;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "pushes complete block 0 and open block 1 (new block, spine growth) while two poppers pop";
    static constexpr shape default_shape{1, 2};
    // N-1 in setup, then one more push than pushers so that block 1 is opened.
    static std::size_t default_spans(shape sh) { return H::N - 1 + sh.pushers + 1; }

    explicit block_boundary(shape sh = default_shape, std::size_t spans = 0)
        : scenario_base<H>(sh, spans ? spans : default_spans(sh)) {}
    static std::string refusal(shape sh, std::size_t spans = 0) {
        std::string why = capacity_refusal<H::N>(name, sh);
        return why.empty() ? spans_refusal(name, spans, H::N + 1, "N-1 in setup, then enough to open block 1") : why;
    }

    void setup() {
        for (std::size_t i = 0; i + 1 < H::N; ++i) this->h_.push(i);
    }
    void thread(unsigned i) {
        const shape& sh = this->shape_;
        if (i < sh.pushers) {
            for (std::size_t k = H::N - 1 + i; k < this->h_.spans(); k += sh.pushers) this->h_.push(k);
        } else {
            this->h_.pop();
        }
    }
};

// Reset and reuse: two blocks' worth of spans are drained concurrently, the
// set is reset (frees the partly used head block), and a second cycle reuses
// the pooled blocks, which come back unzeroed.
template <class H>
class reset_after_drain : public scenario_base<H> {
public:
    static constexpr std::string_view name = "reset-after-drain";
    static constexpr bool concurrent_pops = true;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "N+1 spans drained by two poppers, then reset, then a second cycle on the pooled blocks";
    static constexpr shape default_shape{0, 2};
    static std::size_t default_spans(shape) { return H::N + 1; }

    explicit reset_after_drain(shape sh = default_shape, std::size_t spans = 0)
        : scenario_base<H>(sh, spans ? spans : default_spans(sh)) {}
    static std::string refusal(shape sh, std::size_t = 0) { return single_role_refusal(name, sh, false); }

    void setup() { push_all(); }
    void thread(unsigned) {
        while (this->h_.pop()) {
        }
    }
    void check() {
        this->h_.check_all();
        this->h_.new_cycle();
        push_all();
        this->h_.check_all();
    }

private:
    void push_all() {
        for (std::size_t i = 0; i < this->h_.spans(); ++i) this->h_.push(i);
    }
};

// Two pushers race to add the first block: one takes the spine lock, the
// other waits for it and must find the block published when it gets it.
template <class H>
class two_pushers : public scenario_base<H> {
public:
    static constexpr std::string_view name = "two-pushers";
    static constexpr bool concurrent_pops = false;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "two pushers race to add block 0 (spine lock, re-check under the lock); the final checks pop";
    static constexpr shape default_shape{2, 0};
    static std::size_t default_spans(shape sh) { return sh.pushers; }

    explicit two_pushers(shape sh = default_shape, std::size_t spans = 0)
        : scenario_base<H>(sh, spans ? spans : default_spans(sh)) {}
    static std::string refusal(shape sh, std::size_t = 0) {
        std::string why = single_role_refusal(name, sh, true);
        return why.empty() ? capacity_refusal<H::N>(name, sh) : why;
    }

    void setup() {}
    void thread(unsigned i) {
        for (std::size_t k = i; k < this->h_.spans(); k += this->shape_.pushers) this->h_.push(k);
    }
};

// The block pool alone, as several span sets share it in Go: one allocator
// takes a block while another takes two and gives the first back. A pop of
// the pool's stack that read (head, next) before all that must not install
// its stale `next` (the ABA problem the pool's tag prevents).
template <class H>
class pool_aba : public scenario_base<H> {
public:
    static constexpr std::string_view name = "pool-aba";
    static constexpr bool concurrent_pops = false;  // can open the leak window of §9.1
    static constexpr std::string_view summary =
        "two allocators on a pool of two blocks: one takes a block, the other takes two and frees one";
    static constexpr shape default_shape{0, 2};
    static std::size_t default_spans(shape) { return 0; }

    explicit pool_aba(shape sh = default_shape, std::size_t = 0) : scenario_base<H>(sh, 0) {}
    static std::string refusal(shape sh, std::size_t spans = 0) {
        if (spans != 0) return "scenario pool-aba moves no spans (it runs the block pool alone); drop --spans";
        return sh.pushers == 0 && sh.poppers == 2 ? std::string()
                                                  : "scenario pool-aba runs exactly two allocator threads";
    }
    static std::string thread_name(const shape&, unsigned i) { return lettered("allocator", i); }

    void setup() {
        auto& pool = this->h_.pool();
        auto* first = pool.alloc();
        auto* second = pool.alloc();
        pool.free(first);
        pool.free(second);
    }
    void thread(unsigned i) {
        auto& pool = this->h_.pool();
        if (i == 0) {
            held_[0] = pool.alloc();
        } else {
            auto* taken = pool.alloc();
            held_[1] = pool.alloc();
            pool.free(taken);
        }
    }
    void check() {
        for (int i = 0; i < 2; ++i) this->h_.check_not_pooled(held_[i], i);
        for (auto* b : held_) this->h_.pool().free(b);
        this->h_.check_pool();
    }

private:
    typename H::block* held_[2] = {};
};

using all = scenario_list<two_poppers, push_pop, block_boundary, reset_after_drain, two_pushers, pool_aba,
                          pop_until_empty>;

}  // namespace spancheck::spanset
