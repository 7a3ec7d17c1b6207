#include "report_pictures.hpp"

#include <algorithm>

namespace spancheck::report {

pictures::picture picture_of(const run_info& run, const model::result& r) {
    pictures::picture p;
    p.title = r.violated ? r.message : r.inconclusive() ? "inconclusive: the search was stopped" : "holds";
    p.kind = r.violated ? r.kind : "";
    p.subtitle = run.variant + " on " + run.scenario + " (" + run.protocol +
                 (run.slots ? ", " + std::to_string(run.slots) + " slots per block" : "") +
                 (r.shape.empty() ? "" : "; " + r.shape) + ") · model " + run.search;
    for (const model::trace_step& s : r.steps) {
        int lane;
        if (s.who == "setup") {
            lane = pictures::setup_lane;
        } else if (s.who == "final checks") {
            lane = pictures::checks_lane;
        } else {
            const auto at = std::find(p.lanes.begin(), p.lanes.end(), s.who);
            lane = int(at - p.lanes.begin());
            if (at == p.lanes.end()) p.lanes.push_back(s.who);
        }
        p.steps.push_back({lane, s.what});
    }
    if (r.breaking && *r.breaking < p.steps.size()) p.breaking = r.breaking;
    if (r.conflict && r.conflict->second < p.steps.size()) p.joined.push_back(*r.conflict);
    if (r.violated) p.replay = replay_command(run, r);
    return p;
}

std::string model_svg(const run_info& run, const model::result& r) { return pictures::svg(picture_of(run, r)); }

}  // namespace spancheck::report
