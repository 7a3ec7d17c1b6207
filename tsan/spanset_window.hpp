// The span set's race window for the stress executor: the leak of 39380e8e.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "../impl/real_world.hpp"
#include "../impl/spanset/points.hpp"
#include "../impl/step.hpp"
#include "trial_scenario.hpp"

namespace spancheck::stress {

// A hit: the pop of a block's last slot made its counter step while another
// pop of that block was between its claim and its own counter step (as the
// step hooks see them). The leak of `used` needs exactly this (§9.1).
class spanset_window final : public race_window {
public:
    spanset_window(std::uintptr_t slots, bool concurrent_pops) : last_slot_(slots - 1), applies_(concurrent_pops) {}

    static constexpr std::string_view hit_definition =
        "the pop of a block's last slot made its counter step while another pop of the same block was "
        "between its claim and its counter step (docs/spanset-protocol.md §9.1)";

    std::string_view definition() const override { return hit_definition; }
    void reset() override {
        for (auto& n : claimed_) n.store(0, relaxed);
        for (auto& c : pending_) c.store(-1, relaxed);
        hit_.store(false, relaxed);
    }
    bool hit() const override { return hit_.load(relaxed); }
    std::string_view inapplicable() const override {
        return applies_ ? std::string_view() : "the scenario runs no concurrent pops";
    }

    // Each thread reports its own steps: a pop's claim (its block and slot),
    // then, before its next counter access on that block, its counter step.
    void observe(std::uint16_t code, std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t) override {
        using spanset::point;
        const int me = real_thread::number;
        if (me < 0 || std::size_t(me) >= pending_.size()) return;
        if (point(code) == point::pop_claim && std::uint64_t(b) < tracked) {
            claimed_[b].fetch_add(1, relaxed);
            pending_[me].store(b << 32 | c, relaxed);
        } else if (point(code) == point::before_counter) {
            const std::int64_t claim = pending_[me].load(relaxed);
            if (claim < 0 || claim >> 32 != a) return;  // not a pop's counter step on its claimed block
            pending_[me].store(-1, relaxed);
            const int others = claimed_[a].fetch_sub(1, relaxed) - 1;
            if (std::uintptr_t(claim & 0xffffffff) == last_slot_ && others > 0) hit_.store(true, relaxed);
        }
    }

private:
    static constexpr auto relaxed = std::memory_order_relaxed;
    // Blocks are numbered per trial from 0; the scenarios use a handful.
    static constexpr std::size_t tracked = 64;
    const std::uintptr_t last_slot_;
    const bool applies_;
    std::array<std::atomic<int>, tracked> claimed_{};
    // Per thread: the block << 32 | slot its pop claimed, until its counter step; -1: none.
    std::array<std::atomic<std::int64_t>, 64> pending_{};
    std::atomic<bool> hit_{false};
};

}  // namespace spancheck::stress
