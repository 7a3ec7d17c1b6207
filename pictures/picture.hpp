// Counterexample pictures: a counterexample as an SVG swimlane drawing, and the
// verdict matrix of `spancheck check` as one self-contained HTML page.
//
// Every document is built as a DOM with pugixml and serialised by it, so texts
// (thread names, steps, narratives, commands) are escaped by the serialiser,
// never by hand. Texts are UTF-8; invalid sequences and control characters
// (other than newline and tab in narratives) are replaced by U+FFFD.
//
// Stable classes for tests and tools: the SVG root is <svg class="counterexample">;
// each lane's header has class="lane" and data-thread="NAME"; each step is a
// <g class="step" data-index="I" data-thread="NAME">, the breaking one
// class="step breaking"; each joined pair is a <g class="race" data-from="I"
// data-to="J">; the setup and final-checks steps are drawn inside
// <g class="band setup"> / <g class="band checks">.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace spancheck::pictures {

// step::lane for the single-threaded steps before and after the threads.
inline constexpr int setup_lane = -1, checks_lane = -2;

// One protocol step of a counterexample, in the order the steps happened.
struct step {
    int lane;          // index into picture::lanes, or setup_lane / checks_lane for the bands
    std::string text;  // "claims slot 0 of block 0 (index 0)"
};

struct picture {
    std::string title;               // the violated invariant: "block 0 leaked: all 2 slots popped, ..."
    std::string kind;                // "leak"
    std::string subtitle;            // "used on two-poppers (spanset, 2 slots per block) · model bound:1"
    std::vector<std::string> lanes;  // thread names in column order: "popper A", "popper B"
    std::vector<step> steps;
    std::optional<std::size_t> breaking;                      // index in steps of the step that broke the invariant
    std::vector<std::pair<std::size_t, std::size_t>> joined;  // pairs of conflicting steps (a race's two accesses)
    std::string replay;                                       // the command that replays it
};

// A standalone SVG document (with its XML declaration). Throws
// std::invalid_argument if a step's lane is neither a lane index nor
// setup_lane/checks_lane, or if breaking or a joined index is not a step index,
// or a joined pair joins a step with itself.
std::string svg(const picture&);

// One cell of the verdict matrix: one scenario under one executor.
struct cell {
    std::string text;     // as the text matrix prints it: "VIOLATED: leak", "holds (166, bound:2)"
    std::string verdict;  // holds, violated, documented, inconclusive, crashed, refused
    std::optional<picture> counterexample;
    std::string narrative;  // the text report as the tool printed it
    std::string replay;     // the command that replays the cell (default: the counterexample's)
    std::string note;       // e.g. the documented reason
};

struct matrix {
    std::string title;
    std::string subtitle;
    std::vector<std::string> columns;                               // executors
    std::vector<std::pair<std::string, std::vector<cell>>> rows;   // scenario name, one cell per column
    std::vector<std::string> notes;                                // free text lines shown under the matrix
};

// A complete <!DOCTYPE html> page: inline CSS and SVGs, no scripts, no
// external resources (a Content-Security-Policy forbids any). Each cell with a
// counterexample or a narrative links to a section further down the page
// (id "cx-ROW-COLUMN", 0-based) with its SVG, its narrative and its replay
// line. Markup is XHTML-compatible and parses as HTML5: only void elements
// (meta, br, ...) and SVG elements are self-closed. Throws
// std::invalid_argument if a row does not have one cell per column, or as
// svg() for a counterexample.
std::string html(const matrix&);

}  // namespace spancheck::pictures
