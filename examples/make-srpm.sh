#!/bin/sh
# Builds the source tarball and the source RPM for an example package.
#
#   examples/make-srpm.sh OUTDIR [SPEC]
#
# SPEC defaults to examples/hello/hello.spec; its sources are taken from the
# src/ directory next to it. The SRPM lands in OUTDIR and its path is printed
# on stdout. Everything else (the rpmbuild tree) goes under OUTDIR/.rpmbuild,
# so nothing outside OUTDIR is touched.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 OUTDIR [SPEC]" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
spec=${2:-$here/hello/hello.spec}
mkdir -p "$1"
out=$(cd "$1" && pwd)
specdir=$(cd "$(dirname "$spec")" && pwd)
spec=$specdir/$(basename "$spec")

# Ask rpm for the name and version instead of grepping, so macros in the spec work.
name=$(rpmspec -q --srpm --qf '%{NAME}' "$spec")
version=$(rpmspec -q --srpm --qf '%{VERSION}' "$spec")

top=$out/.rpmbuild
rm -rf "$top"
mkdir -p "$top/SOURCES" "$top/SPECS" "$top/tmp" "$top/stage/$name-$version"
cp -R "$specdir/src/." "$top/stage/$name-$version/"
# Fixed order, owner and mtime (and gzip -n) so the same sources give the same tarball.
tar -C "$top/stage" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime='2024-01-01 00:00:00Z' -cf - "$name-$version" \
    | gzip -n -9 >"$top/SOURCES/$name-$version.tar.gz"
cp "$spec" "$top/SPECS/"

rpmbuild --quiet -bs \
    --define "_topdir $top" \
    --define "_tmppath $top/tmp" \
    --define "_srcrpmdir $out" \
    "$top/SPECS/$(basename "$spec")" >/dev/null

rm -rf "$top"
srpm=$(ls -t "$out"/"$name-$version"-*.src.rpm | head -n 1)
echo "$srpm"
