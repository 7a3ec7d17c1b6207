// The stress executor's random numbers: SplitMix64 (Steele, Lea and Flood
// 2014). Every perturbation decision is drawn from a generator seeded from
// (seed, trial[, thread]), so the same seed makes the same decisions.
#pragma once

#include <cstdint>
#include <initializer_list>

namespace spancheck::stress {

class prng {
public:
    // Mixes each word into the state, so that nearby seeds, trials and
    // threads start far apart.
    explicit prng(std::initializer_list<std::uint64_t> words) {
        for (std::uint64_t w : words) state_ = mix(state_ ^ w);
    }

    std::uint64_t next() { return mix(state_ += 0x9e3779b97f4a7c15); }
    // Uniform in [0, n), n >= 1 (the modulo bias is negligible for small n).
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    // Uniform in [lo, hi].
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
    // True with probability p.
    bool chance(double p) { return double(next() >> 11) * 0x1.0p-53 < p; }

private:
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }

    std::uint64_t state_ = 0;
};

}  // namespace spancheck::stress
