#!/usr/bin/env bash
# check-potfiles.sh
#
# Copyright 2026 The Gloss authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that po/POTFILES.in lists every file with translatable strings,
# lists no file that does not exist, and is sorted, so that no user-visible
# string silently escapes translation.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]

set -euo pipefail

srcdir="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$srcdir"

potfiles=po/POTFILES.in
if [[ ! -f $potfiles ]]; then
  echo "FAIL: $potfiles does not exist"
  exit 1
fi

export LC_ALL=C
failed=0

# The entries: everything but comments and blank lines.
listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles")

# Files that carry translatable strings: C sources that call _(), N_(), C_(),
# NC_() or one of the gettext functions, UI templates with
# translatable="yes", and the desktop, metainfo and settings templates in
# data/.
candidates=$(
  {
    find src \( -name '*.c' -o -name '*.h' \) -print0 |
      xargs -0 -r grep -lE '(^|[^A-Za-z0-9_])((N|C|NC)?_|g_dn?gettext|n?gettext) ?\(' -- || true
    find src -name '*.ui' -print0 |
      xargs -0 -r grep -l 'translatable="yes"' -- || true
    find data -maxdepth 1 \( -name '*.desktop.in' \
                             -o -name '*.metainfo.xml.in' \
                             -o -name '*.gschema.xml.in' \) -print || true
  } | sed 's|^\./||' | sort -u
)

missing=$(comm -23 <(printf '%s\n' "$candidates" | sed '/^$/d') \
                   <(printf '%s\n' "$listed" | sort -u))
if [[ -n $missing ]]; then
  echo "FAIL: files with translatable strings missing from $potfiles:"
  printf '%s\n' "$missing" | sed 's/^/  /'
  failed=1
fi

while IFS= read -r entry; do
  [[ -z $entry ]] && continue
  if [[ ! -f $entry ]]; then
    echo "FAIL: $potfiles lists $entry, which does not exist"
    failed=1
  fi
done <<< "$listed"

duplicates=$(printf '%s\n' "$listed" | sort | uniq -d)
if [[ -n $duplicates ]]; then
  echo "FAIL: $potfiles lists these files more than once:"
  printf '%s\n' "$duplicates" | sed 's/^/  /'
  failed=1
fi

if ! printf '%s\n' "$listed" | sort -c 2>/dev/null; then
  echo "FAIL: $potfiles is not sorted (LC_ALL=C sort); expected order:"
  printf '%s\n' "$listed" | sort | sed 's/^/  /'
  failed=1
fi

if [[ $failed -eq 0 ]]; then
  echo "ok: $potfiles lists $(printf '%s\n' "$listed" | sed '/^$/d' | wc -l) files"
fi
exit "$failed"
