#!/usr/bin/env bash
# browser_check.sh PAGE PNG
#
# Renders PAGE (a spancheck page or picture: .html or .svg) in Debian's
# headless Chromium, writes a screenshot to PNG and checks that
#   - the screenshot exists and is not a blank page (decoded: enough colours and
#     enough non-background pixels),
#   - the rendered DOM has, for every <svg class="counterexample"> of PAGE, the
#     same lanes (class="lane", data-thread) and steps (class="step", data-index)
#     as PAGE, and every counterexample has lanes and steps,
#   - the browser built the tree the markup says (same elements, same order as
#     an XML parser reads them: the page parses as HTML5 as intended),
#   - Chromium's log shows no console message from the page (the page has no
#     scripts, and its Content-Security-Policy turns any attempt to load
#     something into a console error) and no uncaught error.
# Exit 0 on success, 1 with one line on failure, 2 on bad usage, 77 (skipped)
# with one line if chromium or python3 is not installed.
# Environment: CHROMIUM (default chromium), WINDOW (default 1400,1000).
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: browser_check.sh PAGE.html SCREENSHOT.png" >&2
  exit 2
fi
page=$1 png=$2
chromium=${CHROMIUM:-chromium}
window=${WINDOW:-1400,1000}

if ! command -v "$chromium" >/dev/null 2>&1; then
  echo "SKIP: $chromium is not installed (Debian: apt-get install --no-install-recommends chromium)"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed (Debian: apt-get install python3)"
  exit 77
fi
if [ ! -s "$page" ]; then
  echo "FAIL: $page does not exist or is empty"
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/browser-check.XXXXXX") || { echo "FAIL: cannot make a temporary folder"; exit 1; }
trap 'rm -rf "$work"' EXIT
url=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$page")
mkdir -p "$(dirname "$png")"
rm -f "$png"

# As root Chromium needs --no-sandbox; the other flags keep it off the network
# and away from any profile but a fresh one. One run writes the screenshot and
# dumps the DOM after the page has loaded.
start=$(date +%s.%N)
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 \
  --screenshot="$png" --window-size="$window" --hide-scrollbars --dump-dom "$url" \
  >"$work/dom.html" 2>"$work/chromium.log"
rc=$?
end=$(date +%s.%N)
if [ $rc -ne 0 ]; then
  echo "FAIL: chromium exited with $rc: $(grep -v -e dbus -e 'unexpected operator' "$work/chromium.log" | tail -1)"
  exit 1
fi

python3 - "$page" "$png" "$work/dom.html" "$work/chromium.log" "$start" "$end" <<'PY'
import html.parser, itertools, struct, sys, zlib

page, png, dom, log = sys.argv[1:5]
start, end = map(float, sys.argv[5:7])

def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)

# --- the screenshot: decode the PNG (no PIL here) and look at its pixels --------
try:
    data = open(png, "rb").read()
except OSError:
    fail("no screenshot written to " + png)
if len(data) < 8 or data[:8] != b"\x89PNG\r\n\x1a\n":
    fail(png + " is not a PNG")
chunks, i = {}, 8
while i + 8 <= len(data):
    n, kind = struct.unpack(">I4s", data[i:i + 8])
    chunks.setdefault(kind, []).append(data[i + 8:i + 8 + n])
    i += 12 + n
width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
if depth != 8 or channels is None or interlace:
    fail(f"unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
stride = width * channels
if len(raw) != height * (stride + 1):
    fail(f"{png} is truncated")
HIGH = int.from_bytes(b"\x80" * stride, "big")
LOW = int.from_bytes(b"\x7f" * stride, "big")
def add(a, b):  # bytewise (a + b) mod 256 of two rows, as big integers without carries
    x, y = int.from_bytes(a, "big"), int.from_bytes(b, "big")
    return (((x & LOW) + (y & LOW)) ^ ((x ^ y) & HIGH)).to_bytes(stride, "big")
prev = bytes(stride)
colours = {}
for y in range(height):
    f = raw[y * (stride + 1)]
    row = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
    if f == 1:  # Sub
        out = bytearray(row)
        for c in range(channels):
            out[c::channels] = bytes(itertools.accumulate(row[c::channels], lambda s, v: (s + v) & 255))
        row = bytes(out)
    elif f == 2:  # Up
        row = add(row, prev)
    elif f == 3:  # Average
        out = bytearray(row)
        for x in range(stride):
            out[x] = (out[x] + ((out[x - channels] if x >= channels else 0) + prev[x]) // 2) & 255
        row = bytes(out)
    elif f == 4:  # Paeth
        out = bytearray(row)
        for x in range(channels):
            out[x] = (out[x] + prev[x]) & 255
        for x in range(channels, stride):
            a, b, c = out[x - channels], prev[x], prev[x - channels]
            pa, pb = abs(b - c), abs(a - c)
            pc = abs(a + b - c - c)
            out[x] = (out[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        row = bytes(out)
    elif f != 0:
        fail(f"{png}: bad PNG filter {f} in row {y}")
    prev = row
    if y % 2 == 0:  # every other row, every other pixel: plenty for a histogram
        for x in range(0, stride, 2 * channels):
            px = row[x:x + channels]
            colours[px] = colours.get(px, 0) + 1
total = sum(colours.values())
background = max(colours.values())
ink = 1 - background / total
if len(colours) < 16 or ink < 0.02:
    fail(f"the screenshot looks blank: {len(colours)} colours, {ink:.1%} of it not background")

# --- the DOM: every counterexample's lanes and steps, as in the page -----------
class Pictures(html.parser.HTMLParser):
    """Per <svg class="counterexample">: its lanes' threads and its steps' indices
    (nothing else on a page has class lane or step)."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pictures = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "svg" and "counterexample" in classes:
            self.pictures.append({"lanes": [], "steps": []})
        elif self.pictures and "lane" in classes:
            self.pictures[-1]["lanes"].append(a.get("data-thread"))
        elif self.pictures and "step" in classes:
            self.pictures[-1]["steps"].append(a.get("data-index"))

def pictures(text):
    p = Pictures()
    p.feed(text)
    p.close()
    return p.pictures

expected = pictures(open(page, encoding="utf-8").read())
rendered = pictures(open(dom, encoding="utf-8", errors="replace").read())
if not expected:
    fail(page + " has no <svg class=\"counterexample\">")
for k, e in enumerate(expected):
    if not e["lanes"] or not e["steps"]:
        fail(f"counterexample {k + 1} of {page} has {len(e['lanes'])} lanes and {len(e['steps'])} steps")
if len(rendered) != len(expected):
    fail(f"the rendered page has {len(rendered)} counterexamples, the page {len(expected)}")
for k, (e, r) in enumerate(zip(expected, rendered)):
    if r != e:
        fail(f"counterexample {k + 1} rendered with lanes {r['lanes']} and {len(r['steps'])} steps, "
             f"the page has lanes {e['lanes']} and {len(e['steps'])} steps")

# HTML5 read the page as its markup says: the same elements in the same order
# as an XML parser reads (a self-closed <div/>, say, would nest what follows).
import xml.etree.ElementTree as ET
def tree(e, depth=0):
    yield depth, e.tag.rsplit("}", 1)[-1].lower()
    for c in e:
        yield from tree(c, depth + 1)
try:
    source = list(tree(ET.parse(page).getroot()))
except ET.ParseError as e:
    fail(f"{page} is not well-formed markup: {e}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.open = [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append((len(self.open), tag))
        if tag not in VOID:
            self.open.append(tag)
    def handle_startendtag(self, tag, attrs):  # XML serialisation of an SVG document
        self.tags.append((len(self.open), tag))
    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass
t = Tree()
t.feed(open(dom, encoding="utf-8", errors="replace").read())
if t.tags != source:
    k = next((k for k, (a, b) in enumerate(zip(t.tags, source)) if a != b), min(len(t.tags), len(source)))
    where = lambda tags: f"<{tags[k][1]}> at depth {tags[k][0]}" if k < len(tags) else "nothing"
    fail(f"the browser built another tree than the markup says: element {k + 1} is {where(t.tags)} "
         f"in the DOM, {where(source)} in {page}")

# --- the log: nothing from the page ------------------------------------------------
for line in open(log, encoding="utf-8", errors="replace"):
    if ":CONSOLE" in line or "Uncaught" in line:
        fail("console message from the page: " + line.strip().split("] ", 1)[-1][:240])

lanes = sum(len(e["lanes"]) for e in expected)
steps = sum(len(e["steps"]) for e in expected)
print(f"OK: {len(expected)} counterexample(s), {lanes} lanes, {steps} steps rendered, {len(source)} elements as written; "
      f"screenshot {width}x{height}, {len(colours)} colours, {ink:.0%} ink; "
      f"no console messages; chromium {end - start:.1f} s")
PY
