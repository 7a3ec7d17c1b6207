// FNV-1a, 64 bits: a fingerprint of text or bytes (cache keys, checkpoint
// and build identities), not a security measure.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace spancheck {

struct fnv1a {
    std::uint64_t h = 14695981039346656037ull;
    fnv1a& add(std::string_view bytes) {
        for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
        return *this;
    }
    // The eight bytes of v, lowest first.
    fnv1a& add_word(std::uint64_t v) {
        for (int b = 0; b < 8; ++b) h = (h ^ ((v >> (8 * b)) & 0xff)) * 1099511628211ull;
        return *this;
    }
    std::string hex() const {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
        return buf;
    }
};

}  // namespace spancheck
