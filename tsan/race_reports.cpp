#include "race_reports.hpp"

#include "../impl/real_world.hpp"

namespace spancheck::stress {

namespace {
const race_sink* current_sink = nullptr;
}  // namespace

void set_race_sink(const race_sink* sink) { __atomic_store_n(&current_sink, sink, __ATOMIC_RELEASE); }

}  // namespace spancheck::stress

#if defined(__SANITIZE_THREAD__)

// ThreadSanitizer's interface (compiler-rt's tsan_interface.h, not installed
// by GCC): the default options, the report hook and the report's accesses.
extern "C" {
int __tsan_get_report_data(void* report, const char** description, int* count, int* stack_count, int* mop_count,
                           int* loc_count, int* mutex_count, int* thread_count, int* unique_tid_count,
                           void** sleep_trace, unsigned long trace_size);
int __tsan_get_report_mop(void* report, unsigned long idx, int* tid, void** addr, int* size, int* write, int* atomic,
                          void** trace, unsigned long trace_size);

// A report is a violation (exit code 1, as any other), not the sanitizer's 66.
const char* __tsan_default_options() { return "exitcode=1"; }

// Called by the sanitizer, inside its runtime, on the thread whose access
// raced, after it printed the report. Not instrumented, and it touches
// shared state only through atomic builtins: re-entering the sanitizer from
// here is not safe.
__attribute__((no_sanitize_thread)) void __tsan_on_report(void* report) {
    using namespace spancheck;
    const stress::race_sink* sink = __atomic_load_n(&stress::current_sink, __ATOMIC_ACQUIRE);
    if (sink == nullptr) return;
    const char* description = nullptr;
    int count = 0, stacks = 0, mops = 0, locs = 0, mutexes = 0, threads = 0, tids = 0;
    void* sleep = nullptr;
    __tsan_get_report_data(report, &description, &count, &stacks, &mops, &locs, &mutexes, &threads, &tids, &sleep, 0);
    const bool race = description != nullptr && __builtin_strcmp(description, "data-race") == 0;
    violation v{race ? violation_kind::data_race : violation_kind::checker_error, real_thread::number};
    int tid = 0, size = 0, write = 0, atomic = 0;
    void* addr = nullptr;
    void* trace = nullptr;
    const plain_access_note& last = real_thread::last_plain;
    if (race && mops > 0 && __tsan_get_report_mop(report, 0, &tid, &addr, &size, &write, &atomic, &trace, 0) &&
        last.what != nullptr && addr == last.where) {
        __builtin_strncpy(v.field, last.what, sizeof v.field - 1);
        v.a = write;
    }
    if (!__atomic_exchange_n(reinterpret_cast<bool*>(sink->decided), true, __ATOMIC_ACQ_REL)) {
        __builtin_memcpy(static_cast<void*>(sink->first), &v, sizeof v);
        __atomic_store_n(reinterpret_cast<bool*>(sink->abandoned), true, __ATOMIC_RELEASE);
    }
}
}

#endif
