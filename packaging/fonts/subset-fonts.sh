#!/usr/bin/env bash
# subset-fonts.sh: regenerate the bundled Noto font subsets in assets/fonts/.
#
# WHY
#   Harbor renders ten UI languages (en, es, pt-BR, ht, fr, vi, ru, zh-CN, ar, km).
#   egui's built-in fonts lack Vietnamese stacked diacritics, Han, Arabic and
#   Khmer. We bundle subsets of Noto fonts so that every machine renders the
#   same glyphs, whatever fonts the system has.
#
# WHAT IT WRITES (into $OUT_DIR, default <repo>/assets/fonts/)
#   NotoSans-Regular.ttf         Latin (incl. Vietnamese), Cyrillic, punctuation,
#   NotoSans-Bold.ttf            currency, letterlike symbols (same subset for both)
#   NotoSansArabic-Regular.ttf   Arabic + Arabic Supplement + presentation forms A/B
#   NotoSansKhmer-Regular.ttf    Khmer + Khmer Symbols
#   NotoSansSC-Regular.otf       the 6,763 GB2312 hanzi + CJK punctuation
#                                + half-/fullwidth forms, from the "Noto Sans CJK SC"
#                                face of NotoSansCJK-Regular.ttc
#   NotoSansMath-Regular.ttf     arrows U+2190-21FF + math operators U+2200-22FF
#                                (Noto Sans 2.004 has no arrows and no U+2212 minus)
#   NotoSansSymbols2-Regular.ttf check/ballot marks U+2713-2718 (✓ ✔ ✕ ✖ ✗ ✘) and
#                                ballot boxes U+2610-2612 (Noto Sans has none of these)
#   OFL.txt and README.md in that directory are maintained by hand; this
#   script only checks that OFL.txt is there.
#
# INPUTS
#   Debian/Ubuntu packages fonts-noto-core and fonts-noto-cjk. The versions
#   used for the committed files are listed in assets/fonts/README.md; the script
#   prints the installed versions so you can compare.
#   python3 with fontTools (pip install fonttools brotli). uharfbuzz is optional
#   (pip install uharfbuzz); when present, the check also shapes sample text with
#   the source and subset fonts and requires identical results.
#
# OPTIONS COMMON TO EVERY SUBSET
#   --layout-features='*'   keep all GSUB/GPOS features (egui 0.37 shapes text with
#                           harfrust; Arabic joining, Khmer coeng stacking and
#                           Vietnamese mark stacking all need them)
#   --no-hinting            drop TrueType instructions / CFF hints to save space;
#                           when hinting is on, egui 0.37 (skrifa) falls back to
#                           its autohinter for fonts without instructions
#   --name-IDs='*' --name-languages='*'
#                           keep the whole name table, including the copyright
#                           (ID 0), trademark (7), licence (13) and licence URL (14)
#   --notdef-outline        keep the .notdef box so missing glyphs show as tofu
#
# REPRODUCIBILITY
#   No timestamps are written (pyftsubset keeps head.modified from the source font),
#   the GB2312 list is generated deterministically, and the SC face is found by
#   name rather than by a hard-coded index. The same source fonts and the same
#   fontTools version give byte-identical output; SHA-256 sums are printed at
#   the end and recorded in assets/fonts/README.md.
#
# USAGE
#   packaging/fonts/subset-fonts.sh            # regenerate, then verify
#   packaging/fonts/subset-fonts.sh --check    # only verify the existing files
#   Environment overrides: NOTO_DIR (default /usr/share/fonts/truetype/noto),
#   NOTO_CJK_DIR (default /usr/share/fonts/opentype/noto), OUT_DIR, PYTHON.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
OUT_DIR="${OUT_DIR:-$REPO_ROOT/assets/fonts}"
NOTO_DIR="${NOTO_DIR:-/usr/share/fonts/truetype/noto}"
NOTO_CJK_DIR="${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}"
PYTHON="${PYTHON:-python3}"

CHECK_ONLY=0
case "${1:-}" in
  --check) CHECK_ONLY=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

die() { echo "error: $*" >&2; exit 1; }

"$PYTHON" -c 'import fontTools' 2>/dev/null \
  || die "fontTools not found for $PYTHON (pip install fonttools brotli)"

# ---------------------------------------------------------------- sources
SRC_SANS_REG="$NOTO_DIR/NotoSans-Regular.ttf"
SRC_SANS_BOLD="$NOTO_DIR/NotoSans-Bold.ttf"
SRC_ARABIC="$NOTO_DIR/NotoSansArabic-Regular.ttf"
SRC_KHMER="$NOTO_DIR/NotoSansKhmer-Regular.ttf"
SRC_MATH="$NOTO_DIR/NotoSansMath-Regular.ttf"
SRC_SYMBOLS2="$NOTO_DIR/NotoSansSymbols2-Regular.ttf"
SRC_CJK="$NOTO_CJK_DIR/NotoSansCJK-Regular.ttc"
for f in "$SRC_SANS_REG" "$SRC_SANS_BOLD" "$SRC_ARABIC" "$SRC_KHMER" \
         "$SRC_MATH" "$SRC_SYMBOLS2" "$SRC_CJK"; do
  [[ -f "$f" ]] || die "missing source font $f (install fonts-noto-core / fonts-noto-cjk)"
done

echo "== toolchain"
echo "fontTools $("$PYTHON" -c 'import fontTools; print(fontTools.version)')"
if command -v dpkg-query >/dev/null; then
  dpkg-query -W -f='${Package} ${Version}\n' fonts-noto-core fonts-noto-cjk 2>/dev/null || true
fi

# ---------------------------------------------------------------- code points
# Latin (incl. Vietnamese), Cyrillic and UI symbols for Noto Sans.
LATIN_CYRILLIC=(
  U+0000-007F   # Basic Latin
  U+0080-00FF   # Latin-1 Supplement (« » § · × ÷ ...)
  U+0100-017F   # Latin Extended-A
  U+0180-024F   # Latin Extended-B (Vietnamese Ơ ơ Ư ư)
  U+02B0-02FF   # Spacing Modifier Letters (ˆ ˜ ˇ ...)
  U+0300-036F   # Combining Diacritical Marks
  U+0400-04FF   # Cyrillic
  U+0500-052F   # Cyrillic Supplement
  U+1E00-1EFF   # Latin Extended Additional (Vietnamese Ế ệ ...)
  U+2000-206F   # General Punctuation (– — ‘ ’ “ ” • … › ‹ ZWJ, bidi marks ...)
  U+20A0-20CF   # Currency Symbols (€ ₫ ₽ ...)
  U+2100-214F   # Letterlike Symbols (№ ™ ...)
  U+2190-21FF   # Arrows (absent from Noto Sans 2.004, see NotoSansMath)
  U+2212        # minus sign (absent from Noto Sans 2.004, see NotoSansMath)
  U+2713-2714   # check marks (absent from Noto Sans 2.004, see NotoSansSymbols2)
  U+2717-2718   # ballot X     (absent from Noto Sans 2.004, see NotoSansSymbols2)
  U+25CC        # dotted circle (shown for stray combining marks)
  U+FEFF        # zero width no-break space
  U+FFFD        # replacement character
)
# Characters the shapers insert or that sit inside RTL / Khmer runs: space,
# no-break space, ZWSP/ZWNJ/ZWJ/LRM/RLM, bidi isolates, dotted circle.
SHAPING_HELPERS=(U+0020 U+00A0 U+200B-200F U+2066-2069 U+25CC)
ARABIC=(
  U+0600-06FF   # Arabic
  U+0750-077F   # Arabic Supplement
  U+FB50-FDFF   # Arabic Presentation Forms-A
  U+FE70-FEFF   # Arabic Presentation Forms-B
  "${SHAPING_HELPERS[@]}"
)
KHMER=(
  U+1780-17FF   # Khmer
  U+19E0-19FF   # Khmer Symbols
  "${SHAPING_HELPERS[@]}"
)
CJK_EXTRA=(
  U+3000-303F   # CJK Symbols and Punctuation (、。「」 ...)
  U+FF00-FFEF   # Halfwidth and Fullwidth Forms (（ ） ， ： ...)
)
MATH=(
  U+2190-21FF   # Arrows
  U+2200-22FF   # Mathematical Operators (− ≤ ≥ ≠ ≈ ∞ ...)
)
SYMBOLS2=(
  U+2610-2612   # ☐ ☑ ☒
  U+2713-2718   # ✓ ✔ ✕ ✖ ✗ ✘
)

join_cps() { local IFS=,; echo "$*"; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# GB2312 hanzi: decode every two-byte EUC-CN sequence (lead and trail bytes
# 0xA1-0xFE) with Python's gb2312 codec and keep the CJK unified ideographs
# (rows 16-87, 6,763 characters). The non-Han rows (kana, Greek, box drawing,
# ...) are left out: the other fonts cover what we need of them.
GB2312_FILE="$WORK/gb2312-hanzi.txt"
"$PYTHON" - "$GB2312_FILE" <<'PY'
import sys, unicodedata
cps = set()
for lead in range(0xA1, 0xFF):
    for trail in range(0xA1, 0xFF):
        try:
            ch = bytes((lead, trail)).decode("gb2312")
        except UnicodeDecodeError:
            continue
        if unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH"):
            cps.add(ord(ch))
assert len(cps) == 6763, f"expected 6763 GB2312 hanzi, got {len(cps)}"
with open(sys.argv[1], "w", encoding="ascii") as f:
    f.write("# GB2312 hanzi, generated by packaging/fonts/subset-fonts.sh\n")
    f.writelines(f"U+{cp:04X}\n" for cp in sorted(cps))
PY

# Face index of "Noto Sans CJK SC" inside the collection (2 in 2.004).
SC_INDEX="$("$PYTHON" - "$SRC_CJK" <<'PY'
import sys
from fontTools.ttLib import TTCollection
coll = TTCollection(sys.argv[1], lazy=True)
hits = [i for i, f in enumerate(coll.fonts)
        if f["name"].getDebugName(1) == "Noto Sans CJK SC"]
if len(hits) != 1:
    sys.exit(f"expected exactly one 'Noto Sans CJK SC' face, found {hits}")
print(hits[0])
PY
)"
echo "Noto Sans CJK SC is face index $SC_INDEX of $SRC_CJK"

# ---------------------------------------------------------------- subsetting
COMMON=(
  --layout-features='*'
  --no-hinting
  --name-IDs='*'
  --name-languages='*'
  --notdef-outline
)

# Manifest for the check: output | source | face index | unicodes | unicodes file | samples
MANIFEST="$WORK/manifest.tsv"
: > "$MANIFEST"

subset() { # subset OUT SRC FACE UNICODES UNICODES_FILE SAMPLES
  local out="$1" src="$2" face="$3" cps="$4" cpfile="$5" samples="$6"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$out" "$src" "$face" "$cps" "$cpfile" "$samples" >> "$MANIFEST"
  [[ $CHECK_ONLY == 1 ]] && return 0
  local args=("$src" --font-number="$face" --unicodes="$cps")
  [[ -n "$cpfile" ]] && args+=(--unicodes-file="$cpfile")
  args+=("${COMMON[@]}" --output-file="$OUT_DIR/$out")
  echo "+ pyftsubset ${args[*]}"
  "$PYTHON" -m fontTools.subset "${args[@]}"
}

mkdir -p "$OUT_DIR"
[[ $CHECK_ONLY == 1 ]] || echo "== subsetting into $OUT_DIR"
LATIN_CPS="$(join_cps "${LATIN_CYRILLIC[@]}")"
subset NotoSans-Regular.ttf        "$SRC_SANS_REG"  0 "$LATIN_CPS" "" "AzÀéñçãõ ẾếỆệƠơƯưẫỹ ЖжЁёЙй §№€₫•…–—«»“”‘’›"
subset NotoSans-Bold.ttf           "$SRC_SANS_BOLD" 0 "$LATIN_CPS" "" "AzÀéñçãõ ẾếỆệƠơƯưẫỹ ЖжЁёЙй §№€₫•…–—«»“”‘’›"
subset NotoSansArabic-Regular.ttf  "$SRC_ARABIC"    0 "$(join_cps "${ARABIC[@]}")" "" "بالعربيةةيﻻ٠١٢،؟"
subset NotoSansKhmer-Regular.ttf   "$SRC_KHMER"     0 "$(join_cps "${KHMER[@]}")" "" "កខ្មែរ៛០១២"
subset NotoSansSC-Regular.otf      "$SRC_CJK"       "$SC_INDEX" "$(join_cps "${CJK_EXTRA[@]}")" "$GB2312_FILE" "中文简体贩卖人口医院护士。，（）「」"
subset NotoSansMath-Regular.ttf    "$SRC_MATH"      0 "$(join_cps "${MATH[@]}")" "" "←→↑↓⇒−≤≥≠"
subset NotoSansSymbols2-Regular.ttf "$SRC_SYMBOLS2" 0 "$(join_cps "${SYMBOLS2[@]}")" "" "✓✔✗✘☐☑"

[[ -f "$OUT_DIR/OFL.txt" ]] || die "$OUT_DIR/OFL.txt is missing (the fonts may not be shipped without it)"

# ---------------------------------------------------------------- verification
echo "== verifying"
"$PYTHON" - "$MANIFEST" "$OUT_DIR" <<'PY'
import hashlib, os, sys
from fontTools.ttLib import TTFont
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.subset import parse_unicodes

manifest, out_dir = sys.argv[1], sys.argv[2]
try:
    import uharfbuzz as hb
except ImportError:
    hb = None
    print("note: uharfbuzz not installed, skipping the shaping comparison")

# Text that exercises shaping: Vietnamese precomposed and decomposed stacked
# marks, Arabic joining (incl. the lam-alef ligature), Khmer coeng + vowel
# reordering, Chinese with fullwidth punctuation.
SHAPE_TEXT = {
    "NotoSans-Regular.ttf": ["Tiếng Việt", "Tie\u0302\u0301ng Vie\u0323\u0302t", "Русский"],
    "NotoSans-Bold.ttf": ["Tiếng Việt", "Tie\u0302\u0301ng Vie\u0323\u0302t", "Русский"],
    "NotoSansArabic-Regular.ttf": ["العربية", "لا إله", "١٢٣٤"],
    "NotoSansKhmer-Regular.ttf": ["ខ្មែរ", "ភាសាខ្មែរ", "ស្ត្រី"],
    "NotoSansSC-Regular.otf": ["中文（简体）", "人口贩卖。"],
    "NotoSansMath-Regular.ttf": ["→⇒≤"],
    "NotoSansSymbols2-Regular.ttf": ["✓✗"],
}

# OpenType features each script needs; their loss must fail the check even
# where a shaper could fall back (HarfBuzz maps Arabic to presentation forms).
REQUIRED_FEATURES = {
    "NotoSans-Regular.ttf": {"ccmp", "kern", "mark", "mkmk"},
    "NotoSans-Bold.ttf": {"ccmp", "kern", "mark", "mkmk"},
    "NotoSansArabic-Regular.ttf": {"isol", "init", "medi", "fina", "rlig", "mark", "mkmk"},
    "NotoSansKhmer-Regular.ttf": {"pref", "blwf", "abvf", "pstf", "pres", "abvs",
                                  "blws", "psts", "abvm", "blwm"},
}

def shape(path, index, text, tt):
    """Shape text; return per glyph (cluster, positions, outline) and the .notdef count.

    Glyph ids change when subsetting, so glyphs are compared by their drawn
    outline (hinting removal does not change outlines)."""
    blob = hb.Blob.from_file_path(path)
    font = hb.Font(hb.Face(blob, index))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    glyph_set = tt.getGlyphSet()
    result = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        pen = DecomposingRecordingPen(glyph_set)
        glyph_set[tt.getGlyphName(info.codepoint)].draw(pen)
        result.append((info.cluster, pos.x_advance, pos.y_advance,
                       pos.x_offset, pos.y_offset, repr(pen.value)))
    return result, sum(1 for i in buf.glyph_infos if i.codepoint == 0)

def feature_tags(tt, tag):
    if tag not in tt or tt[tag].table.FeatureList is None:
        return set()
    return {r.FeatureTag for r in tt[tag].table.FeatureList.FeatureRecord}

failures = []
notes = []
total = 0
print(f"{'file':30} {'bytes':>9} {'glyphs':>6} {'cmap':>5}  samples")
for line in open(manifest, encoding="utf-8"):
    out, src, face, cps, cpfile, samples = line.rstrip("\n").split("\t")
    path = os.path.join(out_dir, out)
    if not os.path.exists(path):
        failures.append(f"{out}: missing"); continue
    font = TTFont(path)
    cmap = font.getBestCmap()
    src_font = TTFont(src, fontNumber=int(face), lazy=True)
    src_cmap = src_font.getBestCmap()

    wanted = set(parse_unicodes(cps))
    if cpfile:
        for l in open(cpfile, encoding="ascii"):
            if not l.startswith("#"):
                wanted.update(parse_unicodes(l.strip()))
    expected = wanted & set(src_cmap)
    lost = expected - set(cmap)
    extra = set(cmap) - wanted
    if lost:
        failures.append(f"{out}: {len(lost)} requested code points lost, e.g. "
                        + " ".join(f"U+{c:04X}" for c in sorted(lost)[:10]))
    if extra:
        # fontTools keeps the cmap entry of a glyph pulled in by layout closure
        # (e.g. NotoSansMath's rtlm mirror glyphs). Harmless; report it.
        notes.append(f"{out}: {len(extra)} extra code point(s) kept with glyphs "
                     "reached through GSUB: "
                     + " ".join(f"U+{c:04X}" for c in sorted(extra)))
    missing_samples = [c for c in samples if c != " " and ord(c) not in cmap]
    if missing_samples:
        failures.append(f"{out}: samples missing: {''.join(missing_samples)}")
    for tag in ("GSUB", "GPOS"):
        if tag in src_font and tag not in font:
            failures.append(f"{out}: {tag} table was dropped")
        gone = feature_tags(src_font, tag) - feature_tags(font, tag)
        if gone:
            notes.append(f"{out}: {tag} features with nothing left to act on "
                         f"after subsetting: {' '.join(sorted(gone))}")
    have = feature_tags(font, "GSUB") | feature_tags(font, "GPOS")
    lacking = REQUIRED_FEATURES.get(out, set()) - have
    if lacking:
        failures.append(f"{out}: required layout features missing: {' '.join(sorted(lacking))}")
    name = font["name"]
    for nid in (0, 13, 14):
        if not name.getDebugName(nid):
            failures.append(f"{out}: name ID {nid} (copyright/licence) missing")
    for tag in ("fpgm", "prep", "cvt "):
        if tag in font:
            failures.append(f"{out}: hinting table {tag!r} still present")

    if hb is not None:
        for text in SHAPE_TEXT.get(out, []):
            a, _ = shape(src, int(face), text, src_font)
            b, notdef = shape(path, 0, text, font)
            if a != b or notdef:
                failures.append(f"{out}: shaping of {text!r} differs from source "
                                f"(notdef glyphs: {notdef})")

    size = os.path.getsize(path)
    total += size
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    print(f"{out:30} {size:9d} {font['maxp'].numGlyphs:6d} {len(cmap):5d}  "
          f"{samples.replace(' ', '')}  all present "
          f"({len(expected)}/{len(wanted)} requested code points exist in source, all kept)")
    print(f"{'':30} sha256 {sha}")

print(f"{'total':30} {total:9d}  ({total / 1048576:.2f} MiB)")
for n in notes:
    print("note:", n)
if hb is not None and not failures:
    print("shaping: subset output identical to source for all sample strings")
if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print("OK")
PY
