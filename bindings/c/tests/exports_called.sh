#!/bin/sh
# Fails when a function declared in the header is never called from a C test.
# Usage: exports_called.sh HEADER TEST_DIR
# A declaration starts at the beginning of a line with its return type (taf.h's cbindgen
# layout); a call is the name followed by "(" in a test's .c or .h file.
set -eu
header=$1
tests=$2
exports=$(grep -E '^[A-Za-z].*[ *](taf_[a-z0-9_]+|ExecInClientDLL)\(' "$header" |
    grep -oE '(taf_[a-z0-9_]+|ExecInClientDLL)\(' | tr -d '(' | sort -u)
missing=""
count=0
for name in $exports; do
    count=$((count + 1))
    if ! grep -qE "(^|[^A-Za-z0-9_])$name[[:space:]]*\(" "$tests"/*.c "$tests"/*.h; then
        missing="$missing $name"
    fi
done
if [ "$count" -eq 0 ]; then
    echo "no function declarations found in $header"
    exit 1
fi
if [ -n "$missing" ]; then
    echo "exports of $header never called from a C test in $tests:"
    for name in $missing; do echo "  $name"; done
    exit 1
fi
echo "all $count functions of $header are called from a C test"
