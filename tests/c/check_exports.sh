#!/usr/bin/env bash
# The shared library must export exactly the functions the header declares: no missing
# cw_ symbol, and no unintended export (a Rust or libc symbol leaking into the ABI).
# Usage: check_exports.sh LIBRARY.so HEADER.h
set -euo pipefail
lib=$1 header=$2
command -v nm >/dev/null || { echo "check_exports: nm (binutils) is missing" >&2; exit 1; }
exported=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
# Declarations start at column 0 with their return type; comments never do.
declared=$(sed -n -E 's/^[A-Za-z].*[ *](cw_[a-z0-9_]+)\(.*/\1/p' "$header" | sort -u)
if [ -z "$declared" ]; then echo "check_exports: no cw_ function found in $header" >&2; exit 1; fi
if [ "$exported" != "$declared" ]; then
  echo "check_exports: $lib exports differ from $header's functions (< exported, > declared):" >&2
  diff <(echo "$exported") <(echo "$declared") >&2 || true
  exit 1
fi
echo "check_exports: $lib exports exactly the $(echo "$declared" | wc -l) functions of $header"
