// Variants outside the tree: a variant file anywhere on disk is compiled, on
// demand, into executables for that variant only (its model runner, its
// stress executor, its ThreadSanitizer stress executor), with the compiler
// and flags spancheck was built with, against spancheck's own headers and
// libraries (libexec/spancheck/variant-build.json says where they are).
//
// The executables are cached in $SPANCHECK_CACHE (default
// $XDG_CACHE_HOME/spancheck, or ~/.cache/spancheck), in a folder named by the
// file's name and a hash of its content, of spancheck's version and of the
// build configuration; an executable is reused only while every file its
// compilation read (the compiler's dependency list: the variant file, the
// headers it includes, spancheck's) is unchanged. A failed compilation prints
// the compiler's messages as they are and is bad input (exit 2).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace spancheck::cli {

// Where compiled variants (and the Go harness's builds) are cached:
// $SPANCHECK_CACHE, else $XDG_CACHE_HOME/spancheck, else ~/.cache/spancheck.
std::filesystem::path cache_root();

enum class build_kind { model, stress, stress_tsan };

struct built_variant {
    std::string file;      // as given
    std::string protocol;  // known once the model runner is built: "spanset", "publication"
    std::string name;      // the variant's own name (V::name), likewise
    std::string model, stress, stress_tsan;  // the executables built (empty: not asked for)
};

// Builds (or finds in the cache) the executables `kinds` of the variant file.
// The file must define `struct <stem>` (its base name, '-' read as '_'),
// deriving from the variant it changes. Throws bad_input.
built_variant build_variant(const std::string& file, const std::vector<build_kind>& kinds);

}  // namespace spancheck::cli
