# check-c-style.awk
#
# Copyright 2026 The Gloss authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# GNOME C style rules that hold for every well-written file and that careless
# code breaks. Comments and the contents of string and character literals are
# blanked out first so that they never trigger a rule. Prints one line per
# problem, "FILE:LINE: message", and nothing for a clean file.
#
# Usage: awk -f check-c-style.awk FILE...

function report(msg) {
  printf "%s:%d: %s\n", FILENAME, FNR, msg
}

# Returns the line with comments removed and literal contents replaced by
# "x", carrying the state of a block comment from one line to the next.
function strip(line,    out, i, n, c, two, q) {
  out = ""
  n = length(line)
  i = 1
  while (i <= n) {
    c = substr(line, i, 1)
    two = substr(line, i, 2)
    if (in_comment) {
      if (two == "*/") {
        in_comment = 0
        out = out "  "
        i += 2
      } else {
        out = out " "
        i++
      }
      continue
    }
    if (two == "/*") {
      in_comment = 1
      out = out "  "
      i += 2
      continue
    }
    if (two == "//")
      break
    if (c == "\"" || c == "'") {
      q = c
      out = out q
      i++
      while (i <= n) {
        c = substr(line, i, 1)
        if (c == "\\") {
          out = out "xx"
          i += 2
          continue
        }
        if (c == q)
          break
        out = out "x"
        i++
      }
      out = out q
      i++
      continue
    }
    out = out c
    i++
  }
  return out
}

FNR == 1 {
  in_comment = 0
  last_top = ""
}

{
  code = strip($0)
  sub(/[ ]+$/, "", code)
  trimmed = code
  sub(/^[ ]+/, "", trimmed)

  if (trimmed == "")
    next

  # Preprocessor lines have their own rules: "#define FOO(x)" must not have
  # a space.
  if (trimmed ~ /^#/) {
    next
  }

  # A space before every opening parenthesis of a call or declaration,
  # except the gettext and g_auto macros, which GNOME writes either way.
  rest = code
  while (match(rest, /[A-Za-z0-9_]+\(/)) {
    word = substr(rest, RSTART, RLENGTH - 1)
    if (word !~ /^(_|N_|C_|NC_|g_autoptr|g_auto|g_autolist|g_autoslist)$/ &&
        word !~ /^[0-9]/) {
      report("missing space before \"(\" after \"" word "\"")
      break
    }
    rest = substr(rest, RSTART + RLENGTH)
  }

  # GNU braces: a block's "{" goes on a line of its own, and so does "else".
  if (trimmed ~ /^(if|else|for|while|switch|do)([^A-Za-z0-9_].*)?[{]/)
    report("put the \"{\" of this block on a line of its own")
  else if (trimmed ~ /^[}][ ]*(else|while)([^A-Za-z0-9_]|$)/)
    report("put \"else\" or \"while\" on a line of its own after \"}\"")

  # "char *name", not "char* name" or "(char*)".
  if (code ~ /(^|[^A-Za-z0-9_])(char|int|void|double|float|long|short|unsigned|gboolean|gpointer|gconstpointer|gchar|gsize|gssize|g?u?int(8|16|32|64)?|[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)[*]+([ ]+[A-Za-z_(]|[)])/)
    report("the \"*\" belongs to the name: write \"Type *name\" and \"(Type *)\"")

  # Function definitions: the return type on its own line, the name at the
  # start of the next, and the body's "{" alone in the first column.
  if (code ~ /^[A-Za-z_]/) {
    if (code ~ /[)][ ]*[{]$/ && code !~ /=/ &&
        code !~ /^(static[ ]+|const[ ]+|typedef[ ]+)*(struct|enum|union)([ ]|$)/)
      report("put the \"{\" of a function body on a line of its own")
    last_top = code
  } else if (code == "{" && last_top != "") {
    if (last_top !~ /^(static[ ]+|const[ ]+|typedef[ ]+)*(struct|enum|union)([ ]|$)/ &&
        last_top !~ /=$/ &&
        last_top ~ /[(]/ &&
        last_top !~ /^[A-Za-z_][A-Za-z0-9_]*[ ]+[(]/)
      report("put the return type on its own line, above the function name")
  }
}
