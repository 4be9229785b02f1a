#!/usr/bin/env bash
# Seeds for the content_pack fuzz target: every built-in English and Spanish content file, prefixed with the
# selector byte the target reads (file index 0-7, +0x80 for the Spanish translation).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=fuzz/seeds/content_pack
mkdir -p "$out"
stems=(overview health indicators questions response reporting resources safety_plan)
for i in "${!stems[@]}"; do
    for locale in en es; do
        file=content/$locale/${stems[$i]}.ron
        [ -f "$file" ] || continue
        selector=$i; [ "$locale" = es ] && selector=$((i + 128))
        { printf "\\x$(printf %02x "$selector")"; cat "$file"; } > "$out/$locale-${stems[$i]}"
    done
done
ls "$out" | wc -l
