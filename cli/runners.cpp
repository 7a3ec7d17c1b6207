#include "runners.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../report/bad_input.hpp"
#include "catalog.hpp"
#include "../report/exit_codes.hpp"
#include "../report/report.hpp"
#include "subprocess.hpp"
#include "variant_build.hpp"

namespace spancheck::cli {

namespace fs = std::filesystem;

std::string libexec_dir() {
    const fs::path self = fs::path(self_path()).parent_path();
    for (const fs::path& dir : {self / "libexec" / "spancheck", self.parent_path() / "libexec" / "spancheck"}) {
        std::error_code error;
        if (fs::is_directory(dir, error)) return dir.string();
    }
    throw report::bad_input{"no libexec/spancheck/ beside " + self.string() + " (its runners): build spancheck, or install it"};
}

bool names_a_file(std::string_view variant) {
    return variant.find('/') != std::string_view::npos || variant.ends_with(".hpp");
}

std::string model_runner(const std::string& variant) {
    if (names_a_file(variant)) return build_variant(variant, {build_kind::model}).model;
    const entry* v = variant_named(variant);
    if (!v) {
        std::string names;
        for (const protocol& p : protocols()) names += (names.empty() ? "" : ", ") + names_of(p.variants);
        throw report::bad_input{"unknown variant '" + variant + "'; accepted: " + names + ", or the path of a variant file"};
    }
    const std::string runner = (fs::path(libexec_dir()) / ("model-" + v->stem)).string();
    if (access(runner.c_str(), X_OK) != 0) {
        throw report::bad_input{"the model runner of " + variant + " is not built (" + runner +
                        "); build the target spancheck-model-" + v->stem + " or run ci/build"};
    }
    return runner;
}

described_variant describe_variant(const std::string& variant) {
    if (names_a_file(variant)) {
        const built_variant b = build_variant(variant, {build_kind::model});
        const child_result d = run_children({{b.model, "--describe"}}, 1).front();
        const nlohmann::json j = nlohmann::json::parse(d.out, nullptr, false);
        if (j.is_discarded()) throw report::bad_input{"the model runner of " + variant + " does not describe it: " + d.err};
        described_variant out{protocol_named(b.protocol), b.name, {}};
        for (const auto& s : j["sites"]) out.sites.push_back({s["site"], s["kind"], s["go"], s["order"], s["orders"]});
        return out;
    }
    const protocol* p = protocol_of_variant(variant);
    const entry* v = variant_named(variant);
    if (!p || !v) {
        std::string names;
        for (const protocol& q : protocols()) names += (names.empty() ? "" : ", ") + names_of(q.variants);
        throw report::bad_input{"unknown variant '" + variant + "'; accepted: " + names + ", or the path of a variant file"};
    }
    return {p, v->name, v->sites};
}

std::string exec_model(const std::string& variant, const std::vector<std::string>& args, const std::string& program) {
    const std::string runner = model_runner(variant);
    std::vector<std::string> words = {runner};
    words.insert(words.end(), args.begin(), args.end());
    words.insert(words.end(), {"--rerun-as", program});
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(runner.c_str(), argv.data());
    return "cannot run the model runner " + runner + ": " + std::strerror(errno);
}

model::outcome run_model_child(std::string_view variant, std::string_view scenario, unsigned slots,
                               const model::options& opt) {
    return run_model_child(variant, scenario, slots, opt, self_path());
}

model::outcome run_model_child(std::string_view variant, std::string_view scenario, unsigned slots,
                               const model::options& opt, const std::string& program) {
    char name[] = "/tmp/spancheck-model-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) throw report::bad_input{"cannot create a temporary file in /tmp"};
    close(fd);
    const std::string json = name;
    std::vector<std::string> cmd = {program, "model", "--variant", std::string(variant), "--scenario",
                                    std::string(scenario), "--search", opt.how.text(), "--json", json};
    if (slots) cmd.insert(cmd.end(), {"--slots", std::to_string(slots)});
    if (!opt.replay.empty()) cmd.insert(cmd.end(), {"--replay", opt.replay});
    const protocol* p = protocol_of_variant(variant);
    const bool readers = p && p->name == "publication";
    if (opt.shape.pushers) cmd.insert(cmd.end(), {"--pushers", std::to_string(*opt.shape.pushers)});
    if (opt.shape.poppers) cmd.insert(cmd.end(), {readers ? "--readers" : "--poppers", std::to_string(*opt.shape.poppers)});
    if (opt.shape.spans) cmd.insert(cmd.end(), {"--spans", std::to_string(*opt.shape.spans)});
    if (opt.max_executions) cmd.insert(cmd.end(), {"--max-executions", std::to_string(opt.max_executions)});
    const child_result c = run_children({cmd}, 1).front();
    if (interrupted()) {
        std::remove(json.c_str());
        return "interrupted";
    }
    std::ifstream in(json);
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    std::remove(json.c_str());
    if (c.signal || (c.exit_code != report::exit_holds && c.exit_code != report::exit_violated) || j.is_discarded()) {
        std::string why = c.err;
        while (!why.empty() && why.back() == '\n') why.pop_back();
        return why.empty() ? "the model runner failed (exit " + std::to_string(c.exit_code) + ")" : why;
    }
    return report::model_result_from_json(j);
}

}  // namespace spancheck::cli
