#include "pictures/picture.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace spancheck::pictures {

namespace {

// --- text ----------------------------------------------------------------------

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view ellipsis = "\xE2\x80\xA6";     // U+2026

// Valid UTF-8 with no control characters: invalid sequences and controls
// become U+FFFD. Multiline texts (narratives) keep newlines and tabs and drop
// carriage returns; others get a space for any of the three.
std::string clean(std::string_view s, bool multiline = false) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 1;
        std::uint32_t cp = c;
        if (c >= 0x80) {
            if ((c & 0xE0) == 0xC0) {
                len = 2, cp = c & 0x1F;
            } else if ((c & 0xF0) == 0xE0) {
                len = 3, cp = c & 0x0F;
            } else if ((c & 0xF8) == 0xF0) {
                len = 4, cp = c & 0x07;
            } else {
                out += replacement, ++i;
                continue;
            }
            bool ok = i + len <= s.size();
            for (std::size_t k = 1; ok && k < len; ++k) {
                const auto cc = static_cast<unsigned char>(s[i + k]);
                ok = (cc & 0xC0) == 0x80;
                cp = (cp << 6) | (cc & 0x3F);
            }
            const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
            if (!ok || overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out += replacement, ++i;
                continue;
            }
        }
        if (cp == '\n' || cp == '\t' || cp == '\r') {
            if (!multiline) {
                out += ' ';
            } else if (cp != '\r') {
                out += static_cast<char>(cp);
            }
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF) {
            out += replacement;
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

// The code points of valid UTF-8, one string each.
std::vector<std::string_view> code_points(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i + 1;
        while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::size_t length(std::string_view s) { return code_points(s).size(); }

// The first n code points.
std::string prefix(std::string_view s, std::size_t n) {
    std::string out;
    for (auto cp : code_points(s)) {
        if (n-- == 0) break;
        out += cp;
    }
    return out;
}

std::string shorten(std::string_view s, std::size_t width) {
    if (length(s) <= width) return std::string(s);
    std::string out = prefix(s, width > 0 ? width - 1 : 0);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + std::string(ellipsis);
}

struct wrapped {
    std::vector<std::string> lines;
    bool shortened = false;
};

// Greedy word wrap of a cleaned one-line text at `width` code points per line,
// at most `max_lines` lines (0: no limit), the last one shortened with an
// ellipsis if the text does not fit. A word longer than a line is broken,
// after a comma or slash where one is in the second half of the line.
wrapped wrap(std::string_view text, std::size_t width, std::size_t max_lines) {
    width = std::max<std::size_t>(width, 8);
    std::vector<std::string> words;
    {
        std::string word;
        for (char c : text) {
            if (c == ' ') {
                if (!word.empty()) words.push_back(std::move(word)), word.clear();
            } else {
                word += c;
            }
        }
        if (!word.empty()) words.push_back(std::move(word));
    }
    wrapped w;
    std::string line;
    std::size_t line_len = 0;
    for (auto& word : words) {
        std::size_t word_len = length(word);
        if (line_len > 0 && line_len + 1 + word_len <= width) {
            line += ' ', line += word, line_len += 1 + word_len;
            continue;
        }
        if (line_len > 0) w.lines.push_back(std::move(line)), line.clear(), line_len = 0;
        std::vector<std::string_view> cps = code_points(word);
        std::size_t at = 0;
        while (cps.size() - at > width) {
            std::size_t cut = width;
            for (std::size_t k = width; k > width / 2; --k) {
                if (cps[at + k - 1] == "," || cps[at + k - 1] == "/") {
                    cut = k;
                    break;
                }
            }
            std::string chunk;
            for (std::size_t k = 0; k < cut; ++k) chunk += cps[at + k];
            w.lines.push_back(std::move(chunk));
            at += cut;
        }
        for (; at < cps.size(); ++at) line += cps[at], ++line_len;
    }
    if (line_len > 0) w.lines.push_back(std::move(line));
    if (max_lines > 0 && w.lines.size() > max_lines) {
        w.lines.resize(max_lines);
        std::string& last = w.lines.back();
        last = length(last) + 1 <= width ? last + std::string(ellipsis) : shorten(last, width);
        w.shortened = true;
    }
    return w;
}

// --- DOM helpers -----------------------------------------------------------------

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    return s;
}

struct attr {
    const char* name;
    std::string value;
    attr(const char* n, std::string v) : name(n), value(std::move(v)) {}
    attr(const char* n, const char* v) : name(n), value(v) {}
    attr(const char* n, double v) : name(n), value(num(v)) {}
    attr(const char* n, int v) : name(n), value(std::to_string(v)) {}
    attr(const char* n, std::size_t v) : name(n), value(std::to_string(v)) {}
};

pugi::xml_node el(pugi::xml_node parent, const char* name, std::initializer_list<attr> attrs = {}) {
    pugi::xml_node n = parent.append_child(name);
    for (const attr& a : attrs) n.append_attribute(a.name).set_value(a.value.c_str());
    return n;
}

// Appends already cleaned text.
pugi::xml_node text(pugi::xml_node parent, const std::string& s) {
    pugi::xml_node t = parent.append_child(pugi::node_pcdata);
    t.set_value(s.c_str());
    return t;
}

pugi::xml_node el_text(pugi::xml_node parent, const char* name, const std::string& s,
                       std::initializer_list<attr> attrs = {}) {
    pugi::xml_node n = el(parent, name, attrs);
    text(n, s);
    return n;
}

std::string serialise(const pugi::xml_document& doc, unsigned flags) {
    std::ostringstream out;
    doc.save(out, "  ", flags, pugi::encoding_utf8);
    return out.str();
}

// --- the picture -------------------------------------------------------------------

namespace look {
constexpr const char* sans =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";
constexpr const char* mono = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";
constexpr const char* ink = "#212529";
constexpr const char* muted = "#6c757d";
constexpr const char* rule = "#dee2e6";
constexpr const char* lane_fill = "#f8f9fa";
constexpr const char* header_fill = "#e9ecef";
constexpr const char* band_fill = "#f1f3f5";
constexpr const char* box_stroke = "#ced4da";
constexpr const char* accent = "#c92a2a";
constexpr const char* accent_tint = "#fff1f1";

constexpr double margin = 24;      // around everything
constexpr double gutter = 44;      // row numbers, left of the lanes
constexpr double lane_gap = 18;    // between lanes (connectors run here)
constexpr double right = 30;       // right of the lanes (connectors of the last lane)
constexpr double char_w = 7.23;    // 12px monospace advance (DejaVu Sans Mono: 0.602em)
constexpr double pad_x = 10, pad_y = 6, line_h = 16;
constexpr double row_gap = 6;
constexpr double header_h = 30;
constexpr std::size_t lane_min_chars = 24, lane_chars = 64, lane_max_chars = 96, max_lines = 4;
constexpr double min_content_w = 560;
constexpr double title_char_w = 9.9;     // 16px bold sans, generous
constexpr double small_char_w = 6.9;     // 12.5px sans, generous
constexpr double header_char_w = 8.3;    // 13px bold sans, generous
}  // namespace look

const char* band_name(int lane) { return lane == setup_lane ? "setup" : "final checks"; }
bool is_band(int lane) { return lane == setup_lane || lane == checks_lane; }

void validate(const picture& p) {
    const auto n = p.steps.size();
    for (std::size_t i = 0; i < n; ++i) {
        const int lane = p.steps[i].lane;
        if (!is_band(lane) && (lane < 0 || static_cast<std::size_t>(lane) >= p.lanes.size())) {
            throw std::invalid_argument("picture: step " + std::to_string(i) + " is in lane " + std::to_string(lane) +
                                        ", but there are " + std::to_string(p.lanes.size()) +
                                        " lanes (and setup_lane, checks_lane)");
        }
    }
    if (p.breaking && *p.breaking >= n) {
        throw std::invalid_argument("picture: breaking step " + std::to_string(*p.breaking) + " of " +
                                    std::to_string(n) + " steps");
    }
    for (auto [a, b] : p.joined) {
        if (a >= n || b >= n || a == b) {
            throw std::invalid_argument("picture: joined pair (" + std::to_string(a) + ", " + std::to_string(b) +
                                        ") of " + std::to_string(n) + " steps");
        }
    }
}

class svg_drawing {
public:
    explicit svg_drawing(const picture& p) : p_(p) {
        validate(p);
        for (const auto& s : p.steps) texts_.push_back(clean(s.text));
        for (const auto& l : p.lanes) names_.push_back(clean(l));
        measure();
    }

    void draw(pugi::xml_node parent) {
        root_ = el(parent, "svg", {{"xmlns", "http://www.w3.org/2000/svg"}, {"class", "counterexample"}});
        const std::string title = clean(p_.title), kind = clean(p_.kind);
        el_text(root_, "title", kind.empty() ? title : title + " [" + kind + "]");
        if (!p_.subtitle.empty()) el_text(root_, "desc", clean(p_.subtitle));
        background_ = el(root_, "rect", {{"class", "background"}, {"x", 0.0}, {"y", 0.0}, {"fill", "#ffffff"}});

        double y = look::margin;
        y = draw_title(y, title, kind);
        y = draw_steps(y + 18);
        y = draw_footer(y);
        const double height = std::ceil(y + look::margin);

        const std::string w = num(width_), h = num(height);
        root_.append_attribute("width").set_value(w.c_str());
        root_.append_attribute("height").set_value(h.c_str());
        root_.append_attribute("viewBox").set_value(("0 0 " + w + " " + h).c_str());
        root_.append_attribute("font-family").set_value(look::sans);
        root_.append_attribute("role").set_value("img");
        background_.append_attribute("width").set_value(w.c_str());
        background_.append_attribute("height").set_value(h.c_str());
    }

private:
    struct box {
        double x = 0, y = 0, w = 0, h = 0;
    };

    // Lane widths: each lane as wide as its longest text (within bounds), then
    // all widened to a minimum total.
    void measure() {
        const std::size_t n = p_.lanes.size();
        // What each lane would like: its longest text (or header), within bounds.
        std::vector<std::size_t> wanted(n, look::lane_min_chars);
        for (std::size_t l = 0; l < n; ++l) {
            const auto header = static_cast<std::size_t>(
                std::ceil(static_cast<double>(length(names_[l])) * look::header_char_w / look::char_w));
            wanted[l] = std::max(wanted[l], std::min(header, look::lane_max_chars));
        }
        for (std::size_t i = 0; i < p_.steps.size(); ++i) {
            const int lane = p_.steps[i].lane;
            if (is_band(lane)) continue;
            auto& chars = wanted[static_cast<std::size_t>(lane)];
            chars = std::max(chars, std::min(length(texts_[i]), look::lane_max_chars));
        }
        // Within a budget of lane_chars per lane: the largest cap that fits, so
        // that a lane of short texts lends its room to a lane of long ones.
        const std::size_t budget = look::lane_chars * n;
        std::size_t cap = look::lane_max_chars;
        auto used = [&](std::size_t c) {
            std::size_t sum = 0;
            for (auto w : wanted) sum += std::min(w, c);
            return sum;
        };
        while (cap > look::lane_min_chars && used(cap) > budget) --cap;
        lane_chars_.resize(n);
        for (std::size_t l = 0; l < n; ++l) lane_chars_[l] = std::min(wanted[l], cap);
        double total = 0;
        lane_w_.resize(n);
        for (std::size_t l = 0; l < n; ++l) {
            lane_w_[l] = static_cast<double>(lane_chars_[l]) * look::char_w + 2 * look::pad_x;
            total += lane_w_[l] + (l > 0 ? look::lane_gap : 0);
        }
        content_w_ = std::max(total, look::min_content_w);
        if (n > 0 && content_w_ > total) {
            const double extra = (content_w_ - total) / static_cast<double>(n);
            for (std::size_t l = 0; l < n; ++l) {
                lane_w_[l] += extra;
                lane_chars_[l] = static_cast<std::size_t>((lane_w_[l] - 2 * look::pad_x) / look::char_w);
            }
        }
        x0_ = look::margin + look::gutter;
        lane_x_.resize(n);
        double x = x0_;
        for (std::size_t l = 0; l < n; ++l) {
            lane_x_[l] = x;
            x += lane_w_[l] + look::lane_gap;
        }
        band_chars_ = static_cast<std::size_t>((content_w_ - 2 * look::pad_x) / look::char_w);
        width_ = std::ceil(x0_ + content_w_ + look::right);
    }

    double draw_title(double y, const std::string& title, const std::string& kind) {
        pugi::xml_node g = el(root_, "g", {{"class", "heading"}});
        double x = look::margin;
        if (!kind.empty()) {
            const std::string k = shorten(kind, 40);
            const double w = static_cast<double>(length(k)) * look::char_w + 16;
            pugi::xml_node pill = el(g, "g", {{"class", "kind"}});
            el(pill, "rect", {{"x", x}, {"y", y + 1}, {"width", w}, {"height", 22.0}, {"rx", 11.0},
                              {"fill", look::accent}});
            el_text(pill, "text", k,
                    {{"x", x + w / 2}, {"y", y + 16}, {"text-anchor", "middle"}, {"font-family", look::mono},
                     {"font-size", 12}, {"font-weight", "bold"}, {"fill", "#ffffff"}});
            x += w + 10;
        }
        const auto chars = static_cast<std::size_t>((width_ - look::margin - x) / look::title_char_w);
        wrapped lines = wrap(title.empty() ? std::string("counterexample") : title, chars, 3);
        pugi::xml_node t = el(g, "g", {{"class", "title"}, {"font-size", 16}, {"font-weight", "bold"},
                                       {"fill", look::ink}});
        for (std::size_t i = 0; i < lines.lines.size(); ++i) {
            el_text(t, "text", lines.lines[i], {{"x", x}, {"y", y + 17 + 22 * static_cast<double>(i)}});
        }
        y += 22 * static_cast<double>(std::max<std::size_t>(lines.lines.size(), 1)) + 2;
        if (!p_.subtitle.empty()) {
            const auto sub_chars = static_cast<std::size_t>((width_ - 2 * look::margin) / look::small_char_w);
            wrapped sub = wrap(clean(p_.subtitle), sub_chars, 3);
            pugi::xml_node s = el(g, "g", {{"class", "subtitle"}, {"font-size", 12.5}, {"fill", look::muted}});
            for (std::size_t i = 0; i < sub.lines.size(); ++i) {
                y += 17;
                el_text(s, "text", sub.lines[i], {{"x", look::margin}, {"y", y}});
            }
            y += 4;
        }
        return y;
    }

    double draw_steps(double y) {
        const auto& steps = p_.steps;
        boxes_.resize(steps.size());
        std::size_t i = 0;
        if (i < steps.size() && steps[i].lane == setup_lane) y = draw_band(i, y) + 12;
        pugi::xml_node lanes;
        std::vector<pugi::xml_node> columns;
        double lanes_top = y, lanes_bottom = y;
        if (!p_.lanes.empty()) {
            lanes = el(root_, "g", {{"class", "lanes"}});
            for (std::size_t l = 0; l < p_.lanes.size(); ++l) {
                columns.push_back(el(lanes, "rect", {{"class", "lane-column"}, {"x", lane_x_[l]}, {"y", y},
                                                     {"width", lane_w_[l]}, {"rx", 6.0}, {"fill", look::lane_fill}}));
            }
            for (std::size_t l = 0; l < p_.lanes.size(); ++l) {
                pugi::xml_node h = el(lanes, "g", {{"class", "lane"}, {"data-thread", names_[l]}});
                el_text(h, "title", names_[l]);
                el(h, "rect", {{"x", lane_x_[l]}, {"y", y}, {"width", lane_w_[l]}, {"height", look::header_h},
                               {"rx", 6.0}, {"fill", look::header_fill}});
                const auto chars = static_cast<std::size_t>((lane_w_[l] - 2 * look::pad_x) / look::header_char_w);
                el_text(h, "text", shorten(names_[l], chars),
                        {{"x", lane_x_[l] + lane_w_[l] / 2}, {"y", y + 20}, {"text-anchor", "middle"},
                         {"font-size", 13}, {"font-weight", "bold"}, {"fill", look::ink}});
            }
            y += look::header_h + 8;
            lanes_bottom = y;
        }
        pugi::xml_node rows;  // the thread steps since the last band, in document order
        while (i < steps.size()) {
            if (is_band(steps[i].lane)) {
                y = draw_band(i, y + 4) + 4;
            } else {
                if (!rows || root_.last_child() != rows) rows = el(root_, "g", {{"class", "rows"}});
                const auto l = static_cast<std::size_t>(steps[i].lane);
                y = draw_step(rows, i, lane_x_[l], lane_w_[l], lane_chars_[l], y) + look::row_gap;
                lanes_bottom = y;
                ++i;
            }
        }
        for (auto& c : columns) c.append_attribute("height").set_value(num(lanes_bottom + 2 - lanes_top).c_str());
        draw_races();
        return std::max(y, lanes_bottom + 2);
    }

    // The run of band steps from i: one band, its steps full width.
    double draw_band(std::size_t& i, double y) {
        const int lane = p_.steps[i].lane;
        pugi::xml_node band =
            el(root_, "g", {{"class", lane == setup_lane ? "band setup" : "band checks"}, {"data-thread", band_name(lane)}});
        pugi::xml_node rect = el(band, "rect", {{"x", look::margin}, {"y", y}, {"width", x0_ + content_w_ + 8 - look::margin},
                                                {"rx", 6.0}, {"fill", look::band_fill}});
        el_text(band, "text", lane == setup_lane ? "SETUP" : "FINAL CHECKS",
                {{"x", x0_}, {"y", y + 16}, {"font-size", 10.5}, {"font-weight", "bold"}, {"letter-spacing", 1.2},
                 {"fill", look::muted}});
        const double top = y;
        y += 24;
        while (i < p_.steps.size() && p_.steps[i].lane == lane) {
            y = draw_step(band, i, x0_, content_w_, band_chars_, y);
            ++i;
            if (i < p_.steps.size() && p_.steps[i].lane == lane) y += look::row_gap;
        }
        y += 8;
        rect.append_attribute("height").set_value(num(y - top).c_str());
        return y;
    }

    std::string thread(std::size_t i) const {
        const int lane = p_.steps[i].lane;
        return is_band(lane) ? band_name(lane) : names_[static_cast<std::size_t>(lane)];
    }

    // Where the breaking label of step i goes: in the empty lane right (+1) or
    // left (-1) of it in its row, or inside its box (0). A connector from the
    // step runs in its row towards the other step: not on that side.
    int label_side(std::size_t i) const {
        const int lane = p_.steps[i].lane;
        if (is_band(lane)) return 0;
        bool left_free = lane > 0, right_free = static_cast<std::size_t>(lane) + 1 < p_.lanes.size();
        for (auto [a, b] : p_.joined) {
            if (a != i && b != i) continue;
            const int other = p_.steps[a == i ? b : a].lane;
            if (is_band(other) || other == lane) {
                right_free = false;  // a bracket on the right
            } else {
                (other < lane ? left_free : right_free) = false;
            }
        }
        return right_free ? 1 : left_free ? -1 : 0;
    }

    double draw_step(pugi::xml_node parent, std::size_t i, double x, double w, std::size_t chars, double y) {
        const bool breaking = p_.breaking && *p_.breaking == i;
        const int side = breaking ? label_side(i) : 0;
        const std::string label = "breaks the invariant";
        // Inside the box: at the end of a short text's line, else on a line of its own below it.
        const std::size_t label_chars = 24;
        const bool label_inside = breaking && side == 0;
        const bool label_beside_text = label_inside && length(texts_[i]) + label_chars <= chars;
        const bool label_below = label_inside && !label_beside_text;
        wrapped lines = wrap(texts_[i], chars, look::max_lines);
        if (lines.lines.empty()) lines.lines.push_back("");
        const double text_lines = static_cast<double>(lines.lines.size()) + (label_below ? 1 : 0);
        const double h = 2 * look::pad_y + look::line_h * text_lines;
        boxes_[i] = {x, y, w, h};

        pugi::xml_node g = el(parent, "g", {{"class", breaking ? "step breaking" : "step"}, {"data-index", i},
                                            {"data-thread", thread(i)}, {"font-family", look::mono}});
        el_text(g, "title", std::to_string(i + 1) + " · " + thread(i) + ": " + texts_[i]);
        const double base = y + look::pad_y + 12;  // first baseline
        const std::string number = std::to_string(i + 1);
        if (breaking) {
            const double nw = std::max(22.0, static_cast<double>(number.size()) * 7.5 + 10);
            el(g, "rect", {{"class", "marker"}, {"x", x0_ - 6 - nw}, {"y", y + look::pad_y - 1}, {"width", nw},
                           {"height", 18.0}, {"rx", 9.0}, {"fill", look::accent}});
            el_text(g, "text", number, {{"class", "number"}, {"x", x0_ - 6 - nw / 2}, {"y", base},
                                        {"text-anchor", "middle"}, {"font-size", 11}, {"font-weight", "bold"},
                                        {"fill", "#ffffff"}});
        } else {  // in the gutter, left of every lane, as in the text
            el_text(g, "text", number, {{"class", "number"}, {"x", x0_ - 10}, {"y", base}, {"text-anchor", "end"},
                                        {"font-size", 11}, {"fill", look::muted}});
        }
        const double label_w = static_cast<double>(label.size() + 2) * look::small_char_w;
        const double guide_end = side < 0 ? x - 10 - label_w - 6 : x - 4;
        if (guide_end > x0_ + 1) {  // a faint guide from the row number across the empty lanes
            el(g, "line", {{"class", "guide"}, {"x1", x0_}, {"y1", base - 4}, {"x2", guide_end}, {"y2", base - 4},
                           {"stroke", look::rule}, {"stroke-dasharray", "1 4"}});
        }
        el(g, "rect", {{"class", "box"}, {"x", x}, {"y", y}, {"width", w}, {"height", h}, {"rx", 4.0},
                       {"fill", breaking ? look::accent_tint : "#ffffff"},
                       {"stroke", breaking ? look::accent : look::box_stroke}, {"stroke-width", breaking ? 2.0 : 1.0}});
        pugi::xml_node t = el(g, "g", {{"class", "text"}, {"font-size", 12}, {"fill", look::ink}});
        for (std::size_t k = 0; k < lines.lines.size(); ++k) {
            el_text(t, "text", lines.lines[k],
                    {{"x", x + look::pad_x}, {"y", base + look::line_h * static_cast<double>(k)}});
        }
        if (breaking) {
            attr anchor = side < 0 || label_beside_text ? attr("text-anchor", "end") : attr("text-anchor", "start");
            const double lx = side > 0 ? x + w + 10 : side < 0 ? x - 10 : label_below ? x + look::pad_x : x + w - look::pad_x;
            const double ly = label_below ? base + look::line_h * static_cast<double>(lines.lines.size()) : base;
            const std::string shown = side > 0 ? "\xE2\x97\x80 " + label : label + (side < 0 ? " \xE2\x96\xB6" : "");
            el_text(g, "text", shown, {{"class", "breaking-label"}, {"x", lx}, {"y", ly}, anchor,
                                       {"font-family", look::sans}, {"font-size", 11.5}, {"font-weight", "bold"},
                                       {"fill", look::accent}});
        }
        return y + h;
    }

    void draw_races() {
        if (p_.joined.empty()) return;
        pugi::xml_node races = el(root_, "g", {{"class", "races"}});
        std::size_t k = 0;
        for (auto [a, b] : p_.joined) {
            const double offset = (static_cast<double>(k++ % 3) - 1) * 3;
            std::size_t top = std::min(a, b), bottom = std::max(a, b);
            const box& t = boxes_[top];
            const box& u = boxes_[bottom];
            const double yt = t.y + look::pad_y + look::line_h / 2, yu = u.y + look::pad_y + look::line_h / 2;
            const int lt = p_.steps[top].lane, lu = p_.steps[bottom].lane;
            double x1, x2, xg;
            if (!is_band(lt) && !is_band(lu) && lt != lu) {
                const bool top_left = lt < lu;
                const box& left = top_left ? t : u;
                xg = left.x + left.w + look::lane_gap / 2 + offset;
                x1 = top_left ? t.x + t.w : t.x;
                x2 = top_left ? u.x : u.x + u.w;
            } else {  // a bracket on the right
                x1 = t.x + t.w, x2 = u.x + u.w;
                xg = std::max(x1, x2) + look::right / 2 + offset;
            }
            pugi::xml_node g = el(races, "g", {{"class", "race"}, {"data-from", a}, {"data-to", b}});
            el_text(g, "title", "conflicting accesses: steps " + std::to_string(a + 1) + " and " + std::to_string(b + 1));
            std::string d = "M";  // (not "M" + ...: GCC 12's false -Wrestrict)
            d += num(x1) + " " + num(yt) + " H" + num(xg) + " V" + num(yu) + " H" + num(x2);
            el(g, "path", {{"d", d}, {"fill", "none"}, {"stroke", look::accent}, {"stroke-width", 1.6},
                           {"stroke-dasharray", "5 3"}, {"stroke-linejoin", "round"}});
            el(g, "circle", {{"cx", x1}, {"cy", yt}, {"r", 3.5}, {"fill", look::accent}});
            el(g, "circle", {{"cx", x2}, {"cy", yu}, {"r", 3.5}, {"fill", look::accent}});
        }
    }

    double draw_footer(double y) {
        const bool legend = p_.breaking || !p_.joined.empty();
        if (!legend && p_.replay.empty()) return y;
        pugi::xml_node g = el(root_, "g", {{"class", "footer"}, {"font-size", 12}, {"fill", look::muted}});
        y += 12;
        el(g, "line", {{"x1", look::margin}, {"y1", y}, {"x2", width_ - look::margin}, {"y2", y}, {"stroke", look::rule}});
        y += 8;
        if (legend) {
            double x = look::margin;
            const double base = y + 15;
            if (p_.breaking) {
                el(g, "rect", {{"x", x}, {"y", base - 13}, {"width", 22.0}, {"height", 18.0}, {"rx", 9.0},
                               {"fill", look::accent}});
                el_text(g, "text", "n", {{"x", x + 11}, {"y", base}, {"text-anchor", "middle"}, {"font-family", look::mono},
                                         {"font-size", 11}, {"font-weight", "bold"}, {"fill", "#ffffff"}});
                x += 30;
                el_text(g, "text", "the step that breaks the invariant", {{"x", x}, {"y", base}});
                x += 34 * look::small_char_w + 24;
            }
            if (!p_.joined.empty()) {
                el(g, "path", {{"d", std::string("M").append(num(x + 3) + " " + num(base - 4) + " H" + num(x + 33))}, {"stroke", look::accent},
                               {"stroke-width", 1.6}, {"stroke-dasharray", "5 3"}});
                el(g, "circle", {{"cx", x + 3}, {"cy", base - 4}, {"r", 3.5}, {"fill", look::accent}});
                el(g, "circle", {{"cx", x + 33}, {"cy", base - 4}, {"r", 3.5}, {"fill", look::accent}});
                x += 44;
                el_text(g, "text", "conflicting accesses (a race)", {{"x", x}, {"y", base}});
            }
            y += 22;
        }
        if (!p_.replay.empty()) {
            const double label_w = 58;
            const auto chars =
                static_cast<std::size_t>((width_ - 2 * look::margin - label_w) / look::char_w);
            wrapped cmd = wrap(clean(p_.replay), chars, 0);
            y += 6;
            el_text(g, "text", "REPLAY", {{"x", look::margin}, {"y", y + 12}, {"font-size", 10.5},
                                          {"font-weight", "bold"}, {"letter-spacing", 1.2}});
            pugi::xml_node r = el(g, "g", {{"class", "replay"}, {"font-family", look::mono}, {"fill", look::ink}});
            for (std::size_t k = 0; k < cmd.lines.size(); ++k) {
                el_text(r, "text", cmd.lines[k],
                        {{"x", look::margin + label_w}, {"y", y + 12 + look::line_h * static_cast<double>(k)}});
            }
            y += look::line_h * static_cast<double>(cmd.lines.size()) + 2;
        }
        return y;
    }

    const picture& p_;
    std::vector<std::string> texts_, names_;
    std::vector<std::size_t> lane_chars_;
    std::vector<double> lane_w_, lane_x_;
    std::size_t band_chars_ = 0;
    double x0_ = 0, content_w_ = 0, width_ = 0;
    std::vector<box> boxes_;
    pugi::xml_node root_, background_;
};

// --- the page ------------------------------------------------------------------------

// No '<', '>' or '&' here: <style> is raw text in HTML, but the serialiser escapes them.
constexpr const char* page_css = R"(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 28px 36px 56px; background: #ffffff; color: #212529;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 21px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 36px 0 8px; }
h3 { font-size: 15px; margin: 0 0 4px; }
h4 { font-size: 12px; margin: 18px 0 6px; color: #6c757d; text-transform: uppercase; letter-spacing: 0.08em; }
code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; }
.subtitle { margin: 0 0 22px; color: #6c757d; }
table.matrix { border-collapse: separate; border-spacing: 4px; margin: 0 -4px; }
.matrix th { padding: 6px 12px; text-align: left; vertical-align: top; font-size: 13px; font-weight: 600; color: #495057; }
.matrix thead th { border-bottom: 2px solid #dee2e6; }
.matrix tbody th { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-weight: 600; color: #212529; padding-top: 9px; }
.matrix td { min-width: 200px; max-width: 360px; padding: 8px 12px; vertical-align: top; border-left-width: 4px;
  border-left-style: solid; border-radius: 4px; }
.matrix td a { color: inherit; font-weight: 600; text-decoration: none; border-bottom: 1px solid currentColor; }
.verdict { font-weight: 600; }
.hint { display: block; margin-top: 2px; font-size: 12px; color: #6c757d; }
.note { display: block; margin-top: 4px; font-size: 12px; line-height: 1.4; color: #495057; }
.holds { background: #ebfbee; border-color: #2f9e44; color: #1e5e2c; }
.violated { background: #fff1f1; border-color: #c92a2a; color: #a61e1e; }
.documented { background: #e7f1ff; border-color: #1c6ed6; color: #1b4f95; }
.inconclusive { background: #fff8db; border-color: #e8a100; color: #7a5200; }
.crashed { background: #f6eefc; border-color: #7e3aa6; color: #5e2a7e; }
.refused { background: #f1f3f5; border-color: #868e96; color: #495057; }
.other { background: #f8f9fa; border-color: #adb5bd; color: #212529; }
ul.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 14px 0 0; padding: 0; list-style: none;
  font-size: 12.5px; color: #495057; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 18px; height: 14px; border-radius: 3px; border-left-width: 4px;
  border-left-style: solid; }
ul.notes { margin: 18px 0 0; padding-left: 18px; color: #495057; font-size: 13px; }
section.cx { margin-top: 34px; padding-top: 18px; border-top: 1px solid #dee2e6; }
h2 + section.cx { margin-top: 0; padding-top: 6px; border-top: none; }
section.cx:target h3 { color: #c92a2a; }
.cx .verdict { display: inline-block; margin: 2px 0 12px; padding: 2px 10px; border-left-width: 4px;
  border-left-style: solid; border-radius: 4px; }
.figure { margin: 4px 0 0; }
svg.counterexample { display: block; max-width: 100%; height: auto; border: 1px solid #e9ecef; border-radius: 8px; }
pre.narrative { margin: 0; padding: 12px 14px; overflow-x: auto; white-space: pre; font-size: 12.5px; line-height: 1.5;
  background: #f8f9fa; border: 1px solid #e9ecef; border-radius: 6px; }
p.replay { margin: 12px 0 0; font-size: 13px; }
p.replay .label { margin-right: 8px; font-size: 11px; font-weight: 700; letter-spacing: 0.08em; color: #6c757d; }
p.replay code { padding: 2px 6px; background: #f1f3f5; border-radius: 4px; word-break: break-all; }
p.back { margin: 10px 0 0; font-size: 12.5px; }
p.back a { color: #495057; }
footer { margin-top: 44px; font-size: 12px; color: #868e96; }
)";

const std::set<std::string, std::less<>> known_verdicts = {"holds",        "violated", "documented",
                                                           "inconclusive", "crashed",  "refused"};
const std::vector<std::pair<const char*, const char*>> verdict_legend = {
    {"holds", "holds"},
    {"violated", "violated: a counterexample"},
    {"documented", "documented: fails by design, not counted"},
    {"inconclusive", "inconclusive: the race window was not reached"},
    {"crashed", "crashed"},
    {"refused", "refused: a configuration Go never reaches"}};

std::string verdict_class(const std::string& verdict) {
    return known_verdicts.count(verdict) ? verdict : std::string("other");
}

// HTML elements that are never closed; every other HTML element gets an
// explicit close tag (pugixml self-closes empty elements: an empty text child
// stops it). SVG content may self-close: it is foreign content in HTML5.
void close_empty_elements(pugi::xml_node node) {
    static const std::set<std::string, std::less<>> void_elements = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"};
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_element || std::string_view(child.name()) == "svg") continue;
        if (!child.first_child() && !void_elements.count(child.name())) {
            child.append_child(pugi::node_pcdata).set_value("");
        } else {
            close_empty_elements(child);
        }
    }
}

std::string anchor(std::size_t row, std::size_t column) {
    return "cx-" + std::to_string(row) + "-" + std::to_string(column);
}

bool has_section(const cell& c) { return c.counterexample.has_value() || !c.narrative.empty(); }

}  // namespace

std::string svg(const picture& p) {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version").set_value("1.0");
    decl.append_attribute("encoding").set_value("UTF-8");
    svg_drawing(p).draw(doc);
    return serialise(doc, pugi::format_indent);
}

std::string html(const matrix& m) {
    for (const auto& [scenario, cells] : m.rows) {
        if (cells.size() != m.columns.size()) {
            throw std::invalid_argument("matrix: row '" + scenario + "' has " + std::to_string(cells.size()) +
                                        " cells for " + std::to_string(m.columns.size()) + " columns");
        }
        for (const cell& c : cells) {
            if (c.counterexample) validate(*c.counterexample);
        }
    }
    const std::string title = clean(m.title.empty() ? std::string("spancheck check") : m.title);

    pugi::xml_document doc;
    doc.append_child(pugi::node_doctype).set_value("html");
    pugi::xml_node page = el(doc, "html", {{"lang", "en"}});
    pugi::xml_node head = el(page, "head");
    el(head, "meta", {{"charset", "utf-8"}});
    el(head, "meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    el(head, "meta", {{"http-equiv", "Content-Security-Policy"}, {"content", "default-src 'none'; style-src 'unsafe-inline'"}});
    el(head, "meta", {{"name", "generator"}, {"content", "spancheck"}});
    el_text(head, "title", title);
    el_text(head, "style", page_css);

    pugi::xml_node body = el(page, "body");
    pugi::xml_node header = el(body, "header");
    el_text(header, "h1", title);
    if (!m.subtitle.empty()) el_text(header, "p", clean(m.subtitle), {{"class", "subtitle"}});

    pugi::xml_node main = el(body, "main");
    pugi::xml_node matrix_section = el(main, "section", {{"id", "matrix"}});
    pugi::xml_node table = el(matrix_section, "table", {{"class", "matrix"}});
    pugi::xml_node head_row = el(el(table, "thead"), "tr");
    el_text(head_row, "th", "scenario", {{"scope", "col"}});
    for (const auto& column : m.columns) el_text(head_row, "th", clean(column), {{"scope", "col"}});
    pugi::xml_node tbody = el(table, "tbody");
    std::set<std::string> seen;
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
        const auto& [scenario, cells] = m.rows[r];
        pugi::xml_node tr = el(tbody, "tr");
        el_text(tr, "th", clean(scenario), {{"scope", "row"}});
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const cell& x = cells[c];
            seen.insert(verdict_class(x.verdict));
            pugi::xml_node td = el(tr, "td", {{"class", "cell " + verdict_class(x.verdict)},
                                              {"data-verdict", clean(x.verdict)}});
            const std::string shown = clean(x.text.empty() ? x.verdict : x.text);
            if (has_section(x)) {
                el_text(td, "a", shown, {{"href", std::string("#").append(anchor(r, c))}, {"class", "verdict"}});
                el_text(td, "span", x.counterexample ? "counterexample \xE2\x86\x93" : "report \xE2\x86\x93",
                        {{"class", "hint"}});
            } else {
                el_text(td, "span", shown, {{"class", "verdict"}});
            }
            if (!x.note.empty()) el_text(td, "span", clean(x.note), {{"class", "note"}});
        }
    }
    pugi::xml_node legend = el(matrix_section, "ul", {{"class", "legend"}});
    for (const auto& [verdict, words] : verdict_legend) {
        if (!seen.count(verdict)) continue;
        pugi::xml_node li = el(legend, "li");
        el(li, "span", {{"class", std::string("swatch ") + verdict}});
        text(li, words);
    }
    if (!legend.first_child()) matrix_section.remove_child(legend);
    if (!m.notes.empty()) {
        pugi::xml_node notes = el(matrix_section, "ul", {{"class", "notes"}});
        for (const auto& note : m.notes) el_text(notes, "li", clean(note));
    }

    bool any = false;
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
        const auto& [scenario, cells] = m.rows[r];
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const cell& x = cells[c];
            if (!has_section(x)) continue;
            if (!any) el_text(main, "h2", "Counterexamples and reports"), any = true;
            pugi::xml_node section = el(main, "section", {{"class", "cx"}, {"id", anchor(r, c)}});
            el_text(section, "h3", clean(scenario) + " \xC3\x97 " + clean(m.columns[c]));
            el_text(section, "span", clean(x.text.empty() ? x.verdict : x.text),
                    {{"class", "verdict " + verdict_class(x.verdict)}});
            if (!x.note.empty()) el_text(section, "p", clean(x.note), {{"class", "note"}});
            if (x.counterexample) {
                pugi::xml_node figure = el(section, "div", {{"class", "figure"}});
                svg_drawing(*x.counterexample).draw(figure);
            }
            if (!x.narrative.empty()) {
                el_text(section, "h4", "The report, as spancheck printed it");
                el_text(section, "pre", clean(x.narrative, true), {{"class", "narrative"}});
            }
            const std::string replay =
                !x.replay.empty() ? x.replay : x.counterexample ? x.counterexample->replay : std::string();
            if (!replay.empty()) {
                pugi::xml_node p = el(section, "p", {{"class", "replay"}});
                el_text(p, "span", "REPLAY", {{"class", "label"}});
                el_text(p, "code", clean(replay));
            }
            pugi::xml_node back = el(section, "p", {{"class", "back"}});
            el_text(back, "a", "\xE2\x86\x91 back to the matrix", {{"href", "#matrix"}});
        }
    }
    el_text(el(body, "footer"), "p",
            "Written by spancheck. Self-contained: no scripts, no fonts, no external resources.");

    close_empty_elements(doc);
    return serialise(doc, pugi::format_indent | pugi::format_no_declaration);
}

}  // namespace spancheck::pictures
