// What a scenario is, for every protocol and every executor.
//
// A scenario is a class template on a protocol harness H (the protocol
// instantiated for one world, one variant and one configuration). It knows
// nothing about Relacy or real threads:
//
//   static constexpr std::string_view name, summary;
//   static constexpr shape default_shape;        threads the model runs (Relacy
//                                                needs the count at compile time)
//   static std::string thread_name(shape, unsigned i);
//                                                "popper A", used in counterexamples
//   static constexpr bool concurrent_pops;       span set: its threads pop concurrently (stress
//                                                runs watch the §9.1 leak window only then)
//   static constexpr stress_window window;       publication: the race window stress runs watch
//   static constexpr shape with_threads(unsigned n);
//                                                optional: n threads on real threads, by role
//                                                (default: default_shape.scaled_to(n))
//   static std::string refusal(shape);           non-empty: this configuration
//                                                cannot be explored, and why
//   void setup();                                single-threaded, before the threads
//   void thread(unsigned i);                     the body of thread i
//   void check();                                single-threaded, after the threads:
//                                                the final checks (invariants)
//
// Executors construct a fresh scenario object per execution (model) or trial
// (stress), call setup, run the thread bodies concurrently, then check.
#pragma once

#include <string>

#include "../impl/type_list.hpp"
#include "../impl/violation.hpp"

namespace spancheck {

// A list of scenario templates, applied to one harness type on demand.
template <template <class> class... S>
struct scenario_list {
    template <class H>
    using for_harness = type_list<S<H>...>;
};

// The name of a thread number in counterexamples: the harness phases by
// their own names, scenario threads by the scenario's.
template <class RoleName>
std::string thread_label(int thread, RoleName role) {
    if (thread == setup_thread) return "setup";
    if (thread == checks_thread) return "final checks";
    return role(unsigned(thread));
}

// "popper A", "popper B", ...: threads of one role told apart by a letter.
inline std::string lettered(const char* role, unsigned i) { return std::string(role) + " " + char('A' + i); }

}  // namespace spancheck
