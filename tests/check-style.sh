#!/usr/bin/env bash
# check-style.sh
#
# Copyright 2026 The Gloss authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the project's formatting rules (see "Contributing" in README.md):
#
#  1. Text files contain no tabs, no trailing whitespace, no carriage returns,
#     and end with a newline.
#  2. Every .c and .h file starts with its file name, a copyright line and
#     the SPDX licence line; every .c file includes "config.h" first.
#  3. Every .c and .h file keeps the GNOME rules that idiomatic code always
#     meets (tests/check-c-style.awk): a space before "(", GNU braces on
#     their own lines, "Type *name", and function definitions with the
#     return type on its own line.
#  4. The files that opt in through .clang-format-include are formatted as
#     .clang-format says, once runs of spaces inside a line are collapsed
#     (GNOME aligns declarations and parameters in ways clang-format cannot
#     express, so alignment stays the author's choice while indentation,
#     braces, line breaks, spaces, pointer stars and casts are checked).
#     Regions between "/* clang-format off */" and "/* clang-format on */"
#     are left alone. Skipped when clang-format is not installed.
#
# Usage: check-style.sh [SOURCE_ROOT]

set -euo pipefail

srcdir="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$srcdir"
export LC_ALL=C

failed=0
fail () {
  echo "FAIL: $*"
  failed=1
}

# Fixtures under tests/data/ may need odd whitespace on purpose.
mapfile -t text_files < <(
  {
    find src tests data po build-aux .ci -type f \
         \( -name '*.c' -o -name '*.h' -o -name '*.ui' -o -name '*.xml' \
            -o -name '*.in' -o -name '*.css' -o -name '*.js' -o -name '*.json' \
            -o -name '*.build' -o -name '*.txt' -o -name '*.sh' -o -name '*.md' \
            -o -name '*.svg' -o -name 'LINGUAS' -o -name 'dev' -o -name 'run' \) \
         -not -path 'tests/data/*' -print 2>/dev/null || true
    for f in meson.build meson_options.txt README.md .clang-format .clang-format-include; do
      [[ -f $f ]] && echo "$f"
    done
  } | sort -u
)

mapfile -t c_files < <(
  find src tests -type f \( -name '*.c' -o -name '*.h' \) \
       -not -path 'tests/data/*' -print 2>/dev/null | sort
)

# 1. Whitespace.
for f in "${text_files[@]}"; do
  if grep -q $'\r' -- "$f"; then
    fail "$f: carriage returns (CRLF line endings)"
  fi
  if lines=$(grep -n $'\t' -- "$f" | cut -d: -f1 | head -5 | paste -sd, -) && [[ -n $lines ]]; then
    fail "$f:$lines: tab characters (indent with spaces)"
  fi
  if lines=$(grep -nE '[[:space:]]+$' -- "$f" | cut -d: -f1 | head -5 | paste -sd, -) && [[ -n $lines ]]; then
    fail "$f:$lines: trailing whitespace"
  fi
  if [[ -s $f && -n $(tail -c 1 -- "$f") ]]; then
    fail "$f: no newline at the end of the file"
  fi
done

# 2. File headers.
for f in "${c_files[@]}"; do
  name=$(basename -- "$f")
  mapfile -t head < <(head -n 8 -- "$f")
  if [[ ${head[0]:-} != "/* $name" || ${head[1]:-} != " *" ]] ||
     ! [[ ${head[2]:-} =~ ^\ \*\ Copyright\ [0-9]{4} ]] ||
     ! printf '%s\n' "${head[@]}" | grep -qx ' \* SPDX-License-Identifier: GPL-3.0-or-later'; then
    fail "$f: must start with \"/* $name\", \" *\", \" * Copyright YEAR ...\" and \" * SPDX-License-Identifier: GPL-3.0-or-later\""
  fi
  if [[ $f == *.c ]]; then
    first_include=$(grep -m 1 -E '^#[[:space:]]*include' -- "$f" || true)
    if [[ $first_include != '#include "config.h"' ]]; then
      fail "$f: the first #include must be \"config.h\""
    fi
  fi
done

# 3. GNOME C rules that idiomatic code always meets.
if [[ ${#c_files[@]} -gt 0 ]]; then
  if problems=$(awk -f "$srcdir/tests/check-c-style.awk" "${c_files[@]}") &&
     [[ -n $problems ]]; then
    printf '%s\n' "$problems" | head -n 60 | sed 's/^/FAIL: /'
    failed=1
  fi
fi

# 4. clang-format, for the files that opt in through .clang-format-include
# (one shell pattern a line, "#" starts a comment).
clang_format="${CLANG_FORMAT:-}"
if [[ -z $clang_format ]]; then
  for candidate in clang-format clang-format-14; do
    if command -v "$candidate" >/dev/null 2>&1; then
      clang_format=$candidate
      break
    fi
  done
fi

patterns=()
if [[ -f .clang-format-include ]]; then
  mapfile -t patterns < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' .clang-format-include)
fi
formatted_files=()
for f in "${c_files[@]}"; do
  for pattern in "${patterns[@]}"; do
    # shellcheck disable=SC2053 # The pattern is meant to match as a glob.
    if [[ $f == $pattern ]]; then
      formatted_files+=("$f")
      break
    fi
  done
done

# Joins a lone "{" to the struct, enum or union line above it (GNOME code
# writes both "enum {" and "struct _Foo\n{"), collapses runs of spaces after
# the indentation, and accepts both "g_autoptr(Foo)" and "g_autoptr (Foo)",
# "_(" and "_ (", "array [n]" and "array[n]". Headers also lose their
# indentation, since GNOME aligns prototypes in columns.
normalize () {
  local strip_indent=$1

  awk '
    {
      if (have_prev) {
        if ($0 ~ /^[ ]*[{][ ]*$/ &&
            prev ~ /^[ ]*(typedef[ ]+)?(static[ ]+)?(const[ ]+)?(struct|enum|union)([ ]|$)/) {
          print prev " {"
          have_prev = 0
          next
        }
        print prev
      }
      prev = $0
      have_prev = 1
    }
    END { if (have_prev) print prev }
  ' |
  sed -E \
      -e 's/[[:space:]]+$//' \
      -e 's/([^ ])  +/\1 /g' \
      -e 's/(^|[^A-Za-z0-9_])(g_auto(ptr|free|list|slist)?|NC_|N_|C_|_) \(/\1\2(/g' \
      -e 's/([A-Za-z0-9_]) \[/\1[/g' |
  if [[ $strip_indent == yes ]]; then sed -E 's/^ +//'; else cat; fi
}

if [[ ${#formatted_files[@]} -eq 0 ]]; then
  echo "note: no file opts in to the clang-format check (.clang-format-include)"
elif [[ -z $clang_format ]]; then
  echo "SKIP: clang-format is not installed; ${#formatted_files[@]} files not checked with it"
else
  for f in "${formatted_files[@]}"; do
    strip=no
    [[ $f == *.h ]] && strip=yes
    if ! formatted=$("$clang_format" --style=file --assume-filename="$f" < "$f" 2>&1); then
      fail "$f: clang-format failed: $formatted"
      continue
    fi
    if ! difference=$(diff -U 1 --label "$f" --label "$f (clang-format)" \
                        <(normalize "$strip" < "$f") \
                        <(printf '%s\n' "$formatted" | normalize "$strip")); then
      fail "$f: not formatted as .clang-format says (spaces inside a line are collapsed in this diff):"
      printf '%s\n' "$difference" | head -n 40 | sed 's/^/    /'
    fi
  done
fi

if [[ $failed -eq 0 ]]; then
  echo "ok: ${#text_files[@]} text files, ${#c_files[@]} C files, ${#formatted_files[@]} of them checked with clang-format"
fi
exit "$failed"
