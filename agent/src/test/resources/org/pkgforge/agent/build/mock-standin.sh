#!/bin/sh
# A STAND-IN for mock, which cannot run here (it needs Fedora/EL mirrors). It accepts mock's
# command line as MockBuilder composes it, records it in the result directory (mock-args, one
# argument per line), checks that an --addrepo directory is a real repository (createrepo_c
# output), and rebuilds the SRPM with the host's rpmbuild into the result directory, writing
# build.log and root.log there as mock does. A BuildRequires it cannot find in that repository
# is reported in root.log in dnf's words, and the run fails with mock's exit code 30.
set -u
resultdir= srpm= addrepo=
for arg in "$@"; do
    case "$arg" in
        --resultdir=*) resultdir=${arg#--resultdir=} ;;
        --addrepo=file://*) addrepo=${arg#--addrepo=file://} ;;
        --rebuild) ;;
        -*) ;;
        *) srpm=$arg ;;
    esac
done
[ -n "$resultdir" ] && [ -n "$srpm" ] || { echo "mock-standin: need --resultdir and an SRPM" >&2; exit 2; }
printf '%s\n' "$@" > "$resultdir/mock-args"
if [ -n "$addrepo" ] && [ ! -f "$addrepo/repodata/repomd.xml" ]; then
    echo "mock-standin: --addrepo $addrepo is not a repository" >&2; exit 2
fi
: > "$resultdir/root.log"
for req in $(rpm -qp --requires "$srpm" 2>/dev/null | awk '{print $1}' | grep -v '^rpmlib('); do
    if ! ls "${addrepo:-/nonexistent}"/*.rpm >/dev/null 2>&1 || \
       ! rpm -qp --provides "${addrepo}"/*.rpm 2>/dev/null | awk '{print $1}' | grep -qx "$req"; then
        case "$req" in gcc|make|/bin/sh|bash) continue ;; esac
        echo "No matching package to install: '$req'" >> "$resultdir/root.log"
        missing=1
    fi
done
[ -z "${missing:-}" ] || exit 30
top=$(mktemp -d)
rpmbuild --rebuild --nodeps --define "_topdir $top" "$srpm" > "$resultdir/build.log" 2>&1
status=$?
find "$top/RPMS" "$top/SRPMS" -name '*.rpm' -exec cp {} "$resultdir/" \; 2>/dev/null
rm -rf "$top"
exit $status
