#include "variant_build.hpp"

#include <sys/file.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../report/bad_input.hpp"
#include "catalog.hpp"
#include "runners.hpp"
#include "subprocess.hpp"

#include "../support/fnv1a.hpp"

namespace spancheck::cli {

std::filesystem::path cache_root() {
    namespace fs = std::filesystem;
    if (const char* c = std::getenv("SPANCHECK_CACHE"); c && *c) return c;
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return fs::path(x) / "spancheck";
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "spancheck";
    return fs::temp_directory_path() / "spancheck-cache";
}

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}


// What variant-build.json (written by CMake beside the runners) says.
nlohmann::json build_config() {
    const fs::path path = fs::path(libexec_dir()) / "variant-build.json";
    const nlohmann::json j = nlohmann::json::parse(read_file(path), nullptr, false);
    if (j.is_discarded() || !j.contains("compiler")) {
        throw report::bad_input{"cannot read " + path.string() + " (how to compile a variant file): rebuild or reinstall spancheck"};
    }
    return j;
}

// A path in variant-build.json is absolute (the build tree's) or relative
// to libexec/spancheck/ (an installed tree, wherever it was installed).
std::string resolved(const std::string& word) {
    if (word.empty() || word[0] == '-' || fs::path(word).is_absolute()) return word;
    return (fs::path(libexec_dir()) / word).lexically_normal().string();
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (j.contains(key)) {
        for (const auto& s : j[key]) out.push_back(resolved(s.get<std::string>()));
    }
    return out;
}

// The files a compilation read, with their size and modification time, from
// the compiler's make-style dependency file: the executable is current while
// none of them changes.
std::string stamp_of(const std::vector<std::string>& files) {
    std::string out;
    for (const std::string& f : files) {
        std::error_code e;
        const auto size = fs::file_size(f, e);
        const auto time = fs::last_write_time(f, e).time_since_epoch().count();
        out += std::to_string(size) + " " + std::to_string(time) + " " + f + "\n";
    }
    return out;
}

std::vector<std::string> dependencies(const fs::path& depfile) {
    std::string text = read_file(depfile);
    std::vector<std::string> out;
    const auto colon = text.find(": ");
    if (colon == std::string::npos) return out;
    std::istringstream words(text.substr(colon + 2));
    for (std::string w; words >> w;) {
        if (w != "\\") out.push_back(w);
    }
    return out;
}

bool current(const fs::path& exe) {
    std::error_code e;
    if (!fs::exists(exe, e)) return false;
    const fs::path stamp = exe.string() + ".stamp";
    const std::string recorded = read_file(stamp);
    if (recorded.empty()) return false;
    std::vector<std::string> files;
    std::istringstream lines(recorded);
    for (std::string line; std::getline(lines, line);) {
        const auto second = line.find(' ', line.find(' ') + 1);
        if (second != std::string::npos) files.push_back(line.substr(second + 1));
    }
    return stamp_of(files) == recorded;
}

// Fills a template of the form @NAME@ (CMake's configure_file @ONLY syntax).
std::string fill(std::string text, const std::map<std::string, std::string>& values) {
    for (const auto& [name, value] : values) {
        const std::string key = "@" + name + "@";
        for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
            text.replace(at, key.size(), value);
        }
    }
    return text;
}

const char* kind_name(build_kind k) {
    switch (k) {
    case build_kind::model: return "model";
    case build_kind::stress: return "stress";
    case build_kind::stress_tsan: return "stress-tsan";
    }
    return "?";
}

// An exclusive lock on the variant's cache folder while it is built, so that
// two spancheck processes (shards, ctest -j) do not build it at once.
class folder_lock {
public:
    explicit folder_lock(const fs::path& dir) : fd_(::open((dir / "lock").c_str(), O_CREAT | O_RDWR, 0644)) {
        if (fd_ >= 0) flock(fd_, LOCK_EX);
    }
    ~folder_lock() {
        if (fd_ >= 0) close(fd_);
    }
    folder_lock(const folder_lock&) = delete;
    folder_lock& operator=(const folder_lock&) = delete;

private:
    int fd_;
};

}  // namespace

built_variant build_variant(const std::string& file, const std::vector<build_kind>& kinds) {
    std::error_code e;
    const fs::path source = fs::absolute(file, e);
    if (!fs::is_regular_file(source, e)) {
        throw report::bad_input{"no variant file '" + file + "'; accepted: the path of a .hpp file that defines a variant"};
    }
    const std::string text = read_file(source);
    std::string stem = source.stem().string();
    for (char& c : stem) c = c == '-' ? '_' : c;
    if (!std::regex_search(text, std::regex("\\b(struct|class)\\s+" + stem + "\\b"))) {
        throw report::bad_input{"variant file '" + file + "' must define struct " + stem +
                        " (its file name), deriving from the variant it changes, e.g. popped or v7de15e36"};
    }

    const nlohmann::json config = build_config();
    const fs::path dir = cache_root() / (stem + "-" + fnv1a().add(config.dump()).add(stem).add(text).hex());
    fs::create_directories(dir, e);
    if (e) throw report::bad_input{"cannot create the variant cache " + dir.string() + ": " + e.message()};
    const folder_lock hold(dir);

    const std::string include_root = resolved(config.value("include_root", ""));
    std::vector<std::string> common = {config["compiler"].get<std::string>()};
    for (const std::string& f : strings(config, "flags")) common.push_back(f);
    common.insert(common.end(), {"-I", include_root, "-I", source.parent_path().string()});
    for (const std::string& d : strings(config, "system_include")) common.insert(common.end(), {"-isystem", d});

    built_variant out;
    out.file = file;
    std::vector<std::vector<std::string>> commands;
    std::vector<fs::path> building;
    for (build_kind k : kinds) {
        const std::string kind = kind_name(k);
        const fs::path exe = dir / kind;
        (k == build_kind::model ? out.model : k == build_kind::stress ? out.stress : out.stress_tsan) = exe.string();
        if (current(exe)) continue;
        const nlohmann::json& how = config[kind];
        fs::path unit = dir / (kind + ".cpp");
        std::vector<std::string> cmd = common;
        for (const std::string& f : strings(how, "flags")) cmd.push_back(f);
        const std::map<std::string, std::string> values = {
            {"VARIANT_FILE", source.string()}, {"VARIANT_TYPE", stem}, {"PROJECT_SOURCE_DIR", include_root}};
        std::ofstream(unit) << fill(read_file(resolved(how["template"].get<std::string>())), values);
        if (how.contains("variants_template")) {
            const fs::path variants = dir / (kind + "-variants.hpp");
            std::ofstream(variants) << fill(read_file(resolved(how["variants_template"].get<std::string>())), values);
            cmd.push_back("-DSPANCHECK_STRESS_VARIANTS=\"" + variants.string() + "\"");
        }
        cmd.insert(cmd.end(), {"-MMD", "-MF", exe.string() + ".d", unit.string(), "-o", exe.string()});
        for (const std::string& l : strings(how, "libs")) cmd.push_back(l);
        commands.push_back(cmd);
        building.push_back(exe);
    }
    if (!commands.empty()) {
        std::cerr << "spancheck: compiling " << file << " (" << building.size() << " executable"
                  << (building.size() == 1 ? "" : "s") << ", into " << dir.string() << ")\n";
        const std::vector<child_result> results = run_children(commands, 3);
        bool failed = false;
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (results[i].exit_code == 0) {
                std::ofstream(building[i].string() + ".stamp") << stamp_of(dependencies(building[i].string() + ".d"));
                continue;
            }
            // The compiler's messages, as it printed them; the same error in
            // every executable is shown once.
            if (!failed) std::cerr << results[i].out << results[i].err;
            failed = true;
            fs::remove(building[i], e);
        }
        if (failed) throw report::bad_input{"cannot compile variant file '" + file + "': the compiler's messages are above"};
    }

    if (!out.model.empty()) {
        const child_result d = run_children({{out.model, "--describe"}}, 1).front();
        const nlohmann::json j = nlohmann::json::parse(d.out, nullptr, false);
        if (d.exit_code != 0 || j.is_discarded()) throw report::bad_input{"the model runner of " + file + " does not start: " + d.err};
        out.protocol = j.value("protocol", "");
        out.name = j.value("variant", "");
        if (variant_named(out.name)) {
            throw report::bad_input{"variant file '" + file + "' calls its variant '" + out.name +
                            "', the name of a shipped variant (inherited?); accepted: a name of its own, "
                            "static constexpr std::string_view name = \"...\";"};
        }
    }
    return out;
}

}  // namespace spancheck::cli
