// The pictures, parsed back: structure, classes, escaping, layout bounds.
#include "pictures/picture.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace pictures = spancheck::pictures;

namespace {

pictures::picture leak() {
    pictures::picture p;
    p.title = "block 0 leaked: all 2 slots popped, never returned to the pool";
    p.kind = "leak";
    p.subtitle = "used on two-poppers (spanset, 2 slots per block) \xC2\xB7 model bound:1";
    p.lanes = {"popper A", "popper B"};
    p.steps = {
        {pictures::setup_lane, "pushes span s0 into slot 0 of block 0"},
        {pictures::setup_lane, "pushes span s1 into slot 1 of block 0"},
        {0, "claims slot 0 of block 0 (index 0)"},
        {0, "takes span s0 from slot 0 of block 0"},
        {1, "claims slot 1 of block 0 (index 1)"},
        {1, "takes span s1 from slot 1 of block 0"},
        {1, "used 2\xE2\x86\x92" "1 on block 0: returns without freeing"},
        {0, "used 1\xE2\x86\x92" "0 on block 0, slot 0 is not the last: returns without freeing"},
        {pictures::checks_lane, "finds the set empty (head 2, tail 2), returns nil"},
        {pictures::checks_lane, "block 0 leaked"},
    };
    p.breaking = 9;
    p.joined = {{6, 7}};
    p.replay = "build/spancheck model --variant used --scenario two-poppers --replay 2,9,2,0";
    return p;
}

pictures::matrix sample_matrix() {
    pictures::matrix m;
    m.title = "spancheck check: used (spanset), quick";
    m.subtitle = "against popped";
    m.columns = {"model bound:2", "stress", "stress-tsan"};
    m.rows.push_back({"two-poppers",
                      {{"VIOLATED: leak", "violated", leak(), "VIOLATED: block 0 leaked\n   1  setup  pushes\n", "", ""},
                       {"VIOLATED: leak", "violated", std::nullopt, "", "", ""},
                       {"crashed: signal 11", "crashed", std::nullopt, "Segmentation fault\n", "build/spancheck x", ""}}});
    m.rows.push_back({"late-limit",
                      {{"documented: object-out-of-span", "documented", std::nullopt, "", "", "Go's race (\xC2\xA7" "10.1)"},
                       {"holds (2,000 trials)", "holds", std::nullopt, "", "", ""},
                       {"inconclusive", "inconclusive", std::nullopt, "", "", ""}}});
    m.notes = {"Against popped: newly broken: two-poppers \xC3\x97 model bound:2", "Exit 1"};
    return m;
}

// Parses a document; the test fails if it is not well-formed.
pugi::xml_document parse(const std::string& text) {
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_string(text.c_str(), pugi::parse_default | pugi::parse_doctype);
    EXPECT_TRUE(r) << r.description() << " at offset " << r.offset << ": " << text.substr(r.offset, 80);
    return doc;
}

// Elements whose class list has every one of `classes` (space separated), in document order.
std::vector<pugi::xml_node> with_class(pugi::xml_node root, const std::string& classes) {
    std::string xpath = ".//*";
    std::size_t at = 0;
    while (at < classes.size()) {
        std::size_t end = classes.find(' ', at);
        if (end == std::string::npos) end = classes.size();
        xpath += "[contains(concat(' ', normalize-space(@class), ' '), ' " + classes.substr(at, end - at) + " ')]";
        at = end + 1;
    }
    std::vector<pugi::xml_node> out;
    for (const pugi::xpath_node& n : root.select_nodes(xpath.c_str())) out.push_back(n.node());
    return out;
}

// The text of a node and its descendants, without <title> tooltips.
std::string visible_text(pugi::xml_node n) {
    std::string out;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata) out += c.value();
        if (c.type() == pugi::node_element && std::string(c.name()) != "title") {
            if (!out.empty()) out += ' ';
            out += visible_text(c);
        }
    }
    return out;
}

std::vector<std::string> text_lines(pugi::xml_node step) {
    std::vector<std::string> out;
    for (pugi::xml_node t : with_class(step, "text")) {
        for (pugi::xml_node line = t.child("text"); line; line = line.next_sibling("text")) {
            out.push_back(line.text().get());
        }
    }
    return out;
}

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

double attr(pugi::xml_node n, const char* name) { return n.attribute(name).as_double(-1e9); }

pugi::xml_node box_of(pugi::xml_node step) { return with_class(step, "box").at(0); }

}  // namespace

TEST(PictureSvg, LanesStepsBandsBreakingAndRace) {
    const pictures::picture p = leak();
    const std::string text = pictures::svg(p);
    ASSERT_EQ(text.rfind("<?xml", 0), 0u);
    pugi::xml_document doc = parse(text);
    pugi::xml_node svg = doc.document_element();
    EXPECT_STREQ(svg.name(), "svg");
    EXPECT_STREQ(svg.attribute("class").value(), "counterexample");
    EXPECT_STREQ(svg.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
    EXPECT_GT(attr(svg, "width"), 0);
    EXPECT_GT(attr(svg, "height"), 0);
    EXPECT_EQ(svg.attribute("viewBox").value(),
              "0 0 " + std::string(svg.attribute("width").value()) + " " + svg.attribute("height").value());
    EXPECT_NE(visible_text(svg).find(p.title), std::string::npos);
    EXPECT_NE(visible_text(svg).find("leak"), std::string::npos);

    auto lanes = with_class(svg, "lane");
    ASSERT_EQ(lanes.size(), 2u);
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        EXPECT_STREQ(lanes[l].attribute("class").value(), "lane");
        EXPECT_EQ(lanes[l].attribute("data-thread").value(), p.lanes[l]);
        EXPECT_NE(visible_text(lanes[l]).find(p.lanes[l]), std::string::npos);
    }
    EXPECT_LT(attr(lanes[0].child("rect"), "x"), attr(lanes[1].child("rect"), "x"));

    auto steps = with_class(svg, "step");
    ASSERT_EQ(steps.size(), p.steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].attribute("data-index").as_int(-1), static_cast<int>(i));
        const int lane = p.steps[i].lane;
        const std::string thread = lane == pictures::setup_lane   ? "setup"
                                   : lane == pictures::checks_lane ? "final checks"
                                                                   : p.lanes[static_cast<std::size_t>(lane)];
        EXPECT_EQ(steps[i].attribute("data-thread").value(), thread);
        EXPECT_NE(std::string(steps[i].child("title").text().get()).find(p.steps[i].text), std::string::npos);
        EXPECT_NE(visible_text(steps[i]).find(std::to_string(i + 1)), std::string::npos) << "row number";
        // a thread's step is in its lane
        if (lane >= 0) {
            pugi::xml_node column = with_class(svg, "lane-column").at(static_cast<std::size_t>(lane));
            EXPECT_GE(attr(box_of(steps[i]), "x"), attr(column, "x"));
            EXPECT_LE(attr(box_of(steps[i]), "x") + attr(box_of(steps[i]), "width"),
                      attr(column, "x") + attr(column, "width") + 0.01);
        }
    }

    auto breaking = with_class(svg, "breaking");
    ASSERT_EQ(breaking.size(), 1u);
    EXPECT_STREQ(breaking[0].attribute("class").value(), "step breaking");
    EXPECT_EQ(breaking[0].attribute("data-index").as_int(), 9);
    EXPECT_STRNE(box_of(breaking[0]).attribute("stroke").value(), box_of(steps[8]).attribute("stroke").value());

    auto races = with_class(svg, "race");
    ASSERT_EQ(races.size(), 1u);
    EXPECT_EQ(races[0].attribute("data-from").as_int(), 6);
    EXPECT_EQ(races[0].attribute("data-to").as_int(), 7);
    EXPECT_TRUE(races[0].child("path"));

    auto setup = with_class(svg, "band setup");
    auto checks = with_class(svg, "band checks");
    ASSERT_EQ(setup.size(), 1u);
    ASSERT_EQ(checks.size(), 1u);
    auto indices = [](pugi::xml_node band) {
        std::vector<int> out;
        for (auto s : with_class(band, "step")) out.push_back(s.attribute("data-index").as_int());
        return out;
    };
    EXPECT_EQ(indices(setup[0]), (std::vector<int>{0, 1}));
    EXPECT_EQ(indices(checks[0]), (std::vector<int>{8, 9}));
    // setup above the lanes, final checks below them
    EXPECT_LT(attr(setup[0].child("rect"), "y") + attr(setup[0].child("rect"), "height"),
              attr(lanes[0].child("rect"), "y"));
    EXPECT_GT(attr(checks[0].child("rect"), "y"), attr(box_of(steps[7]), "y") + attr(box_of(steps[7]), "height"));

    EXPECT_NE(visible_text(svg).find("--replay 2,9,2,0"), std::string::npos);
}

TEST(PictureSvg, EscapesMarkupAndKeepsNonAscii) {
    pictures::picture p;
    p.title = "a < b & c > \"d\"";
    p.kind = "data-race";
    p.lanes = {"<popper \"A\"> & co", "\xC2\xB5-thread"};
    const std::string tricky = "a < b && c > \"d\" \xE2\x86\x92 \xC2\xB5 \xC2\xA7" "10.1 </text><script>x</script>";
    p.steps = {{0, tricky}, {1, "plain"}};
    p.replay = "cmd --x '<&>'";
    const std::string text = pictures::svg(p);
    EXPECT_EQ(text.find("a < b"), std::string::npos);
    EXPECT_EQ(text.find("<script"), std::string::npos);
    EXPECT_NE(text.find("a &lt; b &amp;&amp; c"), std::string::npos);
    EXPECT_NE(text.find("\xE2\x86\x92 \xC2\xB5 \xC2\xA7"), std::string::npos) << "UTF-8 as is, not as references";

    pugi::xml_document doc = parse(text);
    auto lanes = with_class(doc, "lane");
    ASSERT_EQ(lanes.size(), 2u);
    EXPECT_EQ(lanes[0].attribute("data-thread").value(), p.lanes[0]);
    EXPECT_EQ(lanes[1].attribute("data-thread").value(), p.lanes[1]);
    auto steps = with_class(doc, "step");
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(std::string(steps[0].child("title").text().get()), "1 \xC2\xB7 " + p.lanes[0] + ": " + tricky);
    std::string shown;
    for (const auto& line : text_lines(steps[0])) shown += (shown.empty() ? "" : " ") + line;
    EXPECT_EQ(shown, tricky);
    EXPECT_NE(visible_text(doc.document_element()).find(p.title), std::string::npos);
    EXPECT_NE(visible_text(doc.document_element()).find("cmd --x '<&>'"), std::string::npos);
}

TEST(PictureSvg, ReplacesControlCharactersAndInvalidUtf8) {
    pictures::picture p;
    p.lanes = {"t\x01"};
    p.steps = {{0, "bad \x01\x1b[0m \xFF\xC3 end\ttab\nnewline"}};
    const std::string text = pictures::svg(p);
    pugi::xml_document doc = parse(text);
    const std::string title = with_class(doc, "step").at(0).child("title").text().get();
    EXPECT_NE(title.find("bad \xEF\xBF\xBD\xEF\xBF\xBD[0m \xEF\xBF\xBD\xEF\xBF\xBD end tab newline"), std::string::npos)
        << title;
    EXPECT_EQ(text.find("&#"), std::string::npos) << "no character references to control characters";
}

TEST(PictureSvg, EmptyPictureIsStillValid) {
    pugi::xml_document doc = parse(pictures::svg(pictures::picture{}));
    pugi::xml_node svg = doc.document_element();
    EXPECT_STREQ(svg.name(), "svg");
    EXPECT_STREQ(svg.attribute("class").value(), "counterexample");
    EXPECT_GT(attr(svg, "width"), 0);
    EXPECT_GT(attr(svg, "height"), 0);
    EXPECT_TRUE(with_class(svg, "step").empty());
    EXPECT_TRUE(with_class(svg, "lane").empty());
    EXPECT_TRUE(with_class(svg, "band").empty());
    EXPECT_TRUE(with_class(svg, "race").empty());

    pictures::picture lanes_only;
    lanes_only.lanes = {"popper A", "popper B"};
    pugi::xml_document doc2 = parse(pictures::svg(lanes_only));
    EXPECT_EQ(with_class(doc2, "lane").size(), 2u);
    EXPECT_TRUE(with_class(doc2, "step").empty());
}

TEST(PictureSvg, LongTextsWrapOrShortenWithTheFullTextInATooltip) {
    pictures::picture p;
    p.lanes = {"popper A", "popper B"};
    std::string long_text;
    for (int i = 0; i < 40; ++i) long_text += "word" + std::to_string(i) + " ";
    long_text += "end";
    const std::string no_spaces(300, 'x');
    p.steps = {{0, long_text}, {1, no_spaces}, {pictures::checks_lane, long_text + " " + long_text}};
    pugi::xml_document doc = parse(pictures::svg(p));
    auto steps = with_class(doc, "step");
    ASSERT_EQ(steps.size(), 3u);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        auto lines = text_lines(steps[i]);
        ASSERT_GE(lines.size(), 2u) << "wrapped";
        EXPECT_LE(lines.size(), 4u) << "at most 4 lines";
        for (const auto& line : lines) EXPECT_LE(code_points(line), 140u) << line;
        EXPECT_EQ(std::string(steps[i].child("title").text().get()).find(p.steps[i].text) != std::string::npos, true);
        // the box holds its lines
        pugi::xml_node box = box_of(steps[i]);
        EXPECT_GE(attr(box, "height"), 16.0 * static_cast<double>(lines.size()));
    }
    auto last = text_lines(steps[0]).back();
    EXPECT_EQ(last.substr(last.size() - 3), "\xE2\x80\xA6") << "shortened with an ellipsis: " << last;
}

TEST(PictureSvg, ThreeLanesAndSixtyStepsNeverOverlap) {
    pictures::picture p;
    p.title = "use-after-free: popper B reads a block through a stale reference";
    p.kind = "use-after-free";
    p.lanes = {"pusher", "popper A", "popper B"};
    const char* texts[] = {"claims cursor 3 (slot 1 of spine entry 1)", "loads spineLen = 2",
                           "used 2\xE2\x86\x92" "1 on block 1, not 0: returns without freeing (although it holds the last slot)",
                           "x", "pool alloc: pops block 7 from the free stack (tag 3 \xE2\x86\x92 4)"};
    p.steps.push_back({pictures::setup_lane, "pushes span s0"});
    for (int i = 0; i < 60; ++i) p.steps.push_back({i % 3, std::to_string(i) + " " + texts[i % 5]});
    p.steps.push_back({pictures::checks_lane, "block 0 leaked"});
    p.breaking = 31;
    p.joined = {{5, 9}, {20, 22}, {31, 32}, {0, 61}, {12, 15}};
    pugi::xml_document doc = parse(pictures::svg(p));
    pugi::xml_node svg = doc.document_element();
    const double width = attr(svg, "width"), height = attr(svg, "height");

    auto steps = with_class(svg, "step");
    ASSERT_EQ(steps.size(), 62u);
    double bottom = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].attribute("data-index").as_int(), static_cast<int>(i));
        pugi::xml_node box = box_of(steps[i]);
        const double x = attr(box, "x"), y = attr(box, "y"), w = attr(box, "width"), h = attr(box, "height");
        EXPECT_GE(y, bottom + 1) << "row " << i + 1 << " overlaps the row above";
        EXPECT_GT(h, 0);
        EXPECT_GE(x, 0);
        EXPECT_LE(x + w, width);
        bottom = y + h;
        // every line fits its box: lines are at most the box width in 12px monospace
        for (const auto& line : text_lines(steps[i])) {
            EXPECT_LE(static_cast<double>(code_points(line)) * 7.23, w - 19) << line;
        }
    }
    EXPECT_LT(bottom, height);
    auto columns = with_class(svg, "lane-column");
    ASSERT_EQ(columns.size(), 3u);
    for (std::size_t l = 1; l < columns.size(); ++l) {
        EXPECT_GT(attr(columns[l], "x"), attr(columns[l - 1], "x") + attr(columns[l - 1], "width"));
    }
    EXPECT_EQ(with_class(svg, "race").size(), p.joined.size());
    EXPECT_EQ(with_class(svg, "breaking").at(0).attribute("data-index").as_int(), 31);
}

TEST(PictureSvg, RejectsStepsOutsideTheLanesAndBadIndices) {
    pictures::picture p;
    p.lanes = {"popper A"};
    p.steps = {{0, "a"}, {pictures::checks_lane, "b"}};
    EXPECT_NO_THROW(pictures::svg(p));
    auto bad_lane = p;
    bad_lane.steps.push_back({1, "c"});
    EXPECT_THROW(pictures::svg(bad_lane), std::invalid_argument);
    bad_lane.steps.back().lane = -3;
    EXPECT_THROW(pictures::svg(bad_lane), std::invalid_argument);
    auto bad_breaking = p;
    bad_breaking.breaking = 2;
    EXPECT_THROW(pictures::svg(bad_breaking), std::invalid_argument);
    auto bad_join = p;
    bad_join.joined = {{0, 2}};
    EXPECT_THROW(pictures::svg(bad_join), std::invalid_argument);
    bad_join.joined = {{1, 1}};
    EXPECT_THROW(pictures::svg(bad_join), std::invalid_argument);
}

TEST(PictureHtml, OneSelfContainedPage) {
    const pictures::matrix m = sample_matrix();
    const std::string text = pictures::html(m);
    ASSERT_EQ(text.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(text.find("<?xml"), std::string::npos);
    pugi::xml_document doc = parse(text);
    pugi::xml_node page = doc.child("html");
    ASSERT_TRUE(page);
    EXPECT_STREQ(page.attribute("lang").value(), "en");
    EXPECT_STREQ(page.child("head").child("meta").attribute("charset").value(), "utf-8");
    EXPECT_TRUE(page.select_node("head/meta[@http-equiv='Content-Security-Policy']"));
    EXPECT_EQ(std::string(page.child("head").child("title").text().get()), m.title);

    // nothing from outside, nothing that runs
    for (const char* tag : {"script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject"}) {
        EXPECT_FALSE(doc.select_node((std::string("//") + tag).c_str())) << tag;
    }
    EXPECT_FALSE(doc.select_node("//*[@src]"));
    std::set<std::string> ids;
    for (auto n : doc.select_nodes("//*[@id]")) ids.insert(n.node().attribute("id").value());
    for (auto n : doc.select_nodes("//*[@href]")) {
        const std::string href = n.node().attribute("href").value();
        ASSERT_EQ(href.rfind('#', 0), 0u) << href;
        EXPECT_TRUE(ids.count(href.substr(1))) << href << " has no target";
    }
    for (auto n : doc.select_nodes("//*[@style]")) ADD_FAILURE() << "inline style attribute on " << n.node().name();
    const std::string css = page.child("head").child("style").text().get();
    EXPECT_FALSE(css.empty());
    EXPECT_EQ(css.find_first_of("<>&"), std::string::npos) << "raw text: the serialiser would escape it";
    EXPECT_EQ(css.find("url("), std::string::npos);
    EXPECT_EQ(css.find("@import"), std::string::npos);
    EXPECT_EQ(css.find("@font-face"), std::string::npos);

    // the matrix
    pugi::xml_node table = doc.select_node("//table[@class='matrix']").node();
    ASSERT_TRUE(table);
    auto header = table.select_nodes("thead/tr/th");
    ASSERT_EQ(header.size(), 4u);
    EXPECT_EQ(std::string(header[1].node().text().get()), "model bound:2");
    auto rows = table.select_nodes("tbody/tr");
    ASSERT_EQ(rows.size(), 2u);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        pugi::xml_node tr = rows[r].node();
        EXPECT_EQ(std::string(tr.child("th").text().get()), m.rows[r].first);
        auto cells = tr.select_nodes("td");
        ASSERT_EQ(cells.size(), 3u);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const auto& cell = m.rows[r].second[c];
            pugi::xml_node td = cells[c].node();
            EXPECT_EQ(std::string(td.attribute("class").value()), "cell " + cell.verdict);
            EXPECT_NE(visible_text(td).find(cell.text), std::string::npos);
            pugi::xml_node link = td.child("a");
            EXPECT_EQ(static_cast<bool>(link), cell.counterexample || !cell.narrative.empty());
            if (link) {
                EXPECT_EQ(std::string(link.attribute("href").value()),
                          "#cx-" + std::to_string(r) + "-" + std::to_string(c));
            }
            if (!cell.note.empty()) {
                EXPECT_NE(visible_text(td).find(cell.note), std::string::npos);
            }
        }
    }
    auto notes = doc.select_nodes("//ul[@class='notes']/li");
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(std::string(notes[0].node().text().get()), m.notes[0]);

    // the counterexample further down
    pugi::xml_node section = doc.select_node("//section[@id='cx-0-0']").node();
    ASSERT_TRUE(section);
    auto svgs = with_class(section, "counterexample");
    ASSERT_EQ(svgs.size(), 1u);
    EXPECT_STREQ(svgs[0].name(), "svg");
    EXPECT_EQ(with_class(svgs[0], "lane").size(), 2u);
    EXPECT_EQ(with_class(svgs[0], "step").size(), 10u);
    EXPECT_EQ(with_class(svgs[0], "step breaking").size(), 1u);
    EXPECT_EQ(with_class(svgs[0], "race").size(), 1u);
    EXPECT_EQ(std::string(section.select_node(".//pre[@class='narrative']").node().text().get()),
              m.rows[0].second[0].narrative);
    EXPECT_EQ(std::string(section.select_node(".//p[@class='replay']/code").node().text().get()), leak().replay);
    EXPECT_EQ(with_class(doc, "counterexample").size(), 1u) << "only the cell with a picture has one";
    pugi::xml_node crashed = doc.select_node("//section[@id='cx-0-2']").node();
    ASSERT_TRUE(crashed) << "a cell with a narrative has its section too";
    EXPECT_EQ(std::string(crashed.select_node(".//p[@class='replay']/code").node().text().get()), "build/spancheck x");
}

// HTML5 parses <div/> as an open <div>: every element but the void ones and
// SVG content (foreign content may self-close) must have a close tag.
TEST(PictureHtml, OnlyVoidAndSvgElementsSelfClose) {
    pictures::matrix m = sample_matrix();
    m.rows.push_back({"", {{"", "", std::nullopt, "", "", ""}, {"", "holds", std::nullopt, "", "", ""},
                           {"", "refused", std::nullopt, "", "", ""}}});
    m.subtitle.clear();
    const std::string text = pictures::html(m);
    parse(text);
    const std::set<std::string> may_self_close = {"meta", "br", "hr", "img", "input", "link", "col", "wbr",
                                                  "rect", "circle", "path", "line"};
    const std::regex self_closed("<([A-Za-z][A-Za-z0-9-]*)[^<>]*/>");
    std::size_t count = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), self_closed); it != std::sregex_iterator(); ++it) {
        EXPECT_TRUE(may_self_close.count((*it)[1].str())) << "self-closed <" << (*it)[1].str() << ">";
        ++count;
    }
    EXPECT_GT(count, 0u);
    EXPECT_NE(text.find("<th scope=\"row\"></th>"), std::string::npos);
    EXPECT_NE(text.find("<span class=\"verdict\"></span>"), std::string::npos);
    for (const char* v : {"meta", "br", "hr", "img", "input", "link"}) {
        EXPECT_EQ(text.find(std::string("</") + v + ">"), std::string::npos) << "a void element is never closed";
    }
}

TEST(PictureHtml, EscapesEverything) {
    pictures::matrix m;
    m.title = "a < b & \"c\"";
    m.columns = {"model <bound:2>"};
    const std::string tricky = "a<b & \"c\" \xE2\x86\x92 \xC2\xB5 \xC2\xA7 <script>alert(1)</script>";
    pictures::picture p = leak();
    p.lanes[0] = tricky;
    m.rows.push_back({tricky, {{tricky, "violated", p, tricky + "\n\ttab", tricky, tricky}}});
    m.notes = {tricky};
    const std::string text = pictures::html(m);
    EXPECT_EQ(text.find("<script"), std::string::npos);
    EXPECT_EQ(text.find("a<b"), std::string::npos);
    EXPECT_NE(text.find("\xE2\x86\x92 \xC2\xB5 \xC2\xA7"), std::string::npos);
    pugi::xml_document doc = parse(text);
    EXPECT_EQ(std::string(doc.select_node("//tbody/tr/th").node().text().get()), tricky);
    EXPECT_EQ(std::string(doc.select_node("//pre").node().text().get()), tricky + "\n\ttab");
    EXPECT_EQ(std::string(doc.select_node("//ul[@class='notes']/li").node().text().get()), tricky);
    EXPECT_EQ(std::string(with_class(doc, "lane").at(0).attribute("data-thread").value()), tricky);
    EXPECT_EQ(std::string(doc.select_node("//head/title").node().text().get()), m.title);
}

TEST(PictureHtml, EmptyMatrixIsStillAPage) {
    const std::string text = pictures::html(pictures::matrix{});
    pugi::xml_document doc = parse(text);
    EXPECT_TRUE(doc.select_node("/html/body//table[@class='matrix']"));
    EXPECT_FALSE(doc.select_node("//section[@class='cx']"));
}

TEST(PictureHtml, RejectsARowWithoutOneCellPerColumn) {
    pictures::matrix m = sample_matrix();
    m.rows[1].second.pop_back();
    EXPECT_THROW(pictures::html(m), std::invalid_argument);
    m = sample_matrix();
    m.rows[0].second[0].counterexample->breaking = 99;
    EXPECT_THROW(pictures::html(m), std::invalid_argument);
}

TEST(PictureSvg, BreakingLabelStaysOffTheConnector) {
    pictures::picture p;
    p.lanes = {"allocator", "sweeper", "scanner"};
    p.steps = {{0, "sets s0.elemsize = 0x80"}, {1, "sweeps s1"}, {2, "reads elemsize: data race"}};
    p.breaking = 2;
    auto label_of = [](const pictures::picture& q) {
        pugi::xml_document doc = parse(pictures::svg(q));
        pugi::xml_node step = with_class(doc, "step breaking").at(0);
        pugi::xml_node box = box_of(step);
        pugi::xml_node label = with_class(step, "breaking-label").at(0);
        EXPECT_NE(std::string(label.text().get()).find("breaks the invariant"), std::string::npos);
        const double x = attr(label, "x"), y = attr(label, "y");
        const bool inside = x >= attr(box, "x") && x <= attr(box, "x") + attr(box, "width") && y >= attr(box, "y") &&
                            y <= attr(box, "y") + attr(box, "height");
        return std::make_pair(inside, x < attr(box, "x") ? -1 : x > attr(box, "x") + attr(box, "width") ? 1 : 0);
    };
    EXPECT_EQ(label_of(p), std::make_pair(false, -1)) << "the last lane: in the empty lane on its left";
    p.joined = {{0, 2}};
    EXPECT_EQ(label_of(p), std::make_pair(true, 0)) << "the connector runs left in that row: inside the box";
    p.breaking = 0;
    EXPECT_EQ(label_of(p), std::make_pair(true, 0)) << "the connector runs right: inside";
    p.joined.clear();
    EXPECT_EQ(label_of(p), std::make_pair(false, 1)) << "the first lane: in the empty lane on its right";
}
