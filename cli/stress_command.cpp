#include "stress_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "../tsan/stress_protocol.hpp"
#include "../report/bad_input.hpp"
#include "runners.hpp"
#include "subprocess.hpp"
#include "variant_build.hpp"

namespace spancheck::cli {

void add_stress_command(CLI::App& app, stress_command& c) {
    CLI::App* cmd = app.add_subcommand(
        "stress", "run a scenario on real threads, trial after trial, with schedule perturbation");
    stress::add_stress_options(*cmd, c.args);
    cmd->add_flag("--tsan", c.tsan, "run the ThreadSanitizer build (spancheck-stress-tsan)");
}

std::string exec_stress(const stress_command& c, const std::string& program) {
    std::string binary;
    std::vector<std::string> words = {""};
    if (names_a_file(c.args.variant)) {
        // A variant file's own stress executor checks the arguments it is given.
        const built_variant b = build_variant(c.args.variant, {c.tsan ? build_kind::stress_tsan : build_kind::stress});
        binary = c.tsan ? b.stress_tsan : b.stress;
        for (const std::string& w : stress::given_arguments(c.args)) words.push_back(w);
    } else {
        auto checked = stress::check_stress_args(c.args);
        if (auto* why = std::get_if<std::string>(&checked)) return report::one_line(*why);
        const std::string name = c.tsan ? "spancheck-stress-tsan" : "spancheck-stress";
        binary = (std::filesystem::path(libexec_dir()) / name).string();
        for (const std::string& w : stress::stress_arguments(std::get<stress::stress_request>(checked))) words.push_back(w);
    }
    words[0] = binary;
    if (!c.args.json.empty()) words.insert(words.end(), {"--json", c.args.json});
    if (!c.args.svg.empty()) words.insert(words.end(), {"--svg", c.args.svg});
    words.insert(words.end(), {"--rerun-as", program + " stress" + (c.tsan ? " --tsan" : "")});
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    return "cannot run the stress executor " + binary + ": " + std::strerror(errno) + "; build it (ci/build)";
}

void list_stress(std::ostream& out) {
    out << "perturbations (spancheck stress --perturb): " << stress::policy_forms << "\n";
    for (const stress::stress_protocol& p : stress::stress_protocols()) {
        out << "    points for delay:POINT (" << p.name << "):";
        for (const std::string& point : p.points) out << " " << point;
        out << "\n";
    }
}

}  // namespace spancheck::cli
