#!/usr/bin/env bash
# Build the Linux bundle (PyInstaller, one folder) and the .deb into dist/.  `make package` runs it.
#
#   dist/newsdesk/                       the bundle: run dist/newsdesk/newsdesk
#   dist/newsdesk_<version>_<arch>.deb   /opt/newsdesk, /usr/bin/newsdesk, menu entry, icons
#
# Needs Debian 12 or a derivative (dpkg-deb, objdump from binutils) and the system libraries
# listed in DEPENDS below, because PyInstaller resolves the bundle's libraries on this machine.
# Environment:
#   DEB_XZ_LEVEL  xz level of the .deb (default 1: 11 s and 44 MB; 9 for a release, ~45 s)
#   PYTHON        the Python that creates .venv if it is missing (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-.venv}
PY=$VENV/bin/python
XZ_LEVEL=${DEB_XZ_LEVEL:-1}
START=$(date +%s)

say() { printf '\n== %s\n' "$*"; }
die() { printf 'build-linux.sh: %s\n' "$*" >&2; exit 1; }

# What the bundle takes from Debian rather than carrying itself (packaging/newsdesk.spec leaves
# these libraries out on purpose). libc6 and libstdc++6 get versions computed below.
DEPENDS=(
    libgcc-s1 zlib1g libbz2-1.0 liblzma5 libzstd1 libffi8
    libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    libgl1 libegl1 libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
    libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libwayland-client0 libwayland-cursor0
    libgssapi-krb5-2 libbrotli1
)

for tool in objdump strip patchelf dpkg-deb dpkg; do
    command -v "$tool" >/dev/null || die "$tool is missing: apt-get install binutils patchelf dpkg"
done

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/newsdesk/__init__.py)
[[ $VERSION =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || die "cannot read __version__ from app/newsdesk/__init__.py"
ARCH=$(dpkg --print-architecture)

say "PyInstaller into $VENV"
if [[ ! -x $PY ]]; then
    "${PYTHON:-python3}" -m venv "$VENV"
fi
"$PY" -m pip --disable-pip-version-check -q install -e '.[build]'
# PyInstaller bundles libpython: pyenv builds have it; Debian's python3 needs libpython3.X.
LIBPY=$("$PY" -c 'import sysconfig as s; print(s.get_config_var("LIBDIR"), s.get_config_var("INSTSONAME"), sep="/")')
[[ -e $LIBPY ]] || die "PyInstaller needs $LIBPY: apt-get install lib$(basename "$LIBPY" | sed 's/\.so.*//')"

say "bundle: dist/newsdesk"
T0=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/newsdesk.spec
BUNDLE=dist/newsdesk
echo "PyInstaller: $(($(date +%s) - T0)) s, bundle $(du -sh "$BUNDLE" | cut -f1)"

# A pyenv or self-built Python carries its build folder as RUNPATH (/root/.pyenv/.../lib):
# meaningless on another machine, and lintian's custom-library-search-path error. Keep only
# the bundle-relative $ORIGIN entries (Qt's own).
while IFS= read -r -d '' lib; do
    rpath=$(patchelf --print-rpath "$lib" 2>/dev/null) || continue
    [[ -z $rpath ]] && continue
    kept=$(tr ':' '\n' <<<"$rpath" | grep '^\$ORIGIN' | paste -sd: || true)
    [[ $kept == "$rpath" ]] && continue
    if [[ -n $kept ]]; then patchelf --set-rpath "$kept" "$lib"; else patchelf --remove-rpath "$lib"; fi
done < <(find "$BUNDLE" -type f -name '*.so*' -print0)

got=$("$BUNDLE/newsdesk" --version)
[[ $got == "newsdesk $VERSION" ]] || die "the bundle says '$got', __init__.py says $VERSION"
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE" "${PKG:-/nonexistent}"' EXIT
(cd / && QT_QPA_PLATFORM=offscreen timeout 60 "$ROOT/$BUNDLE/newsdesk" --smoke-test --profile "$PROFILE") \
    || die "the bundle fails its smoke test (see above)"

# -- What the bundle needs from the system -------------------------------------------------------
say "dependencies"
mapfile -t ELVES < <(find "$BUNDLE" -type f \( -name '*.so*' -o -path "$BUNDLE/newsdesk" \) | sort)
declare -A INSIDE=()
while read -r name; do INSIDE[$name]=1; done < <(find "$BUNDLE" \( -type f -o -type l \) -printf '%f\n')

# glibc: the highest GLIBC_x.y symbol version any file asks for; the build machine sets it
# (2.35 here, from the pyenv-built libpython). libstdc++: the highest GLIBCXX_ any file asks
# for, turned into a package version by dpkg's symbols file for libstdc++6.
SYMBOLS=$(objdump -T "${ELVES[@]}" 2>/dev/null)
GLIBC=$(grep -o 'GLIBC_[0-9][0-9.]*' <<<"$SYMBOLS" | sed 's/GLIBC_//' | sort -uV | tail -1)
GLIBCXX=$(grep -o 'GLIBCXX_[0-9][0-9.]*' <<<"$SYMBOLS" | sort -uV | tail -1)
STDCXX=$(grep -h " $GLIBCXX@$GLIBCXX " /var/lib/dpkg/info/libstdc++6:*.symbols 2>/dev/null \
    | awk '{print $2}' | head -1)
[[ -n $GLIBC && -n $STDCXX ]] || die "cannot work out glibc/libstdc++ versions ($GLIBC, $GLIBCXX)"
echo "needs glibc >= $GLIBC, libstdc++6 >= $STDCXX ($GLIBCXX)"

# Every library a bundled file links to and the bundle lacks must belong to a Depends package.
mapfile -t EXTERNAL < <(objdump -p "${ELVES[@]}" 2>/dev/null | awk '$1 == "NEEDED" {print $2}' | sort -u)
missing=()
for soname in "${EXTERNAL[@]}"; do
    [[ -n ${INSIDE[$soname]:-} ]] && continue
    # "pkg1:amd64, pkg2:amd64: /usr/lib/.../libfoo.so.1" -> pkg1 pkg2
    owner=$(dpkg -S "*/$soname" 2>/dev/null | sed 's/: \/.*//' | tr ',' '\n' \
        | sed 's/ //g; s/:.*//' | sort -u || true)
    [[ -n $owner ]] || die "$soname is needed but not installed here: apt-get install ${DEPENDS[*]}"
    ok=
    for pkg in $owner; do
        [[ $pkg == libc6 || $pkg == libstdc++6 || " ${DEPENDS[*]} " == *" $pkg "* ]] && ok=1
    done
    [[ -n $ok ]] || missing+=("$soname ($owner)")
done
((${#missing[@]} == 0)) || die "not covered by DEPENDS: ${missing[*]}"
DEPENDS_LINE="libc6 (>= $GLIBC), libstdc++6 (>= $STDCXX), $(printf '%s, ' "${DEPENDS[@]}" | sed 's/, $//')"
echo "every library the bundle links from the system is covered: $DEPENDS_LINE"

# -- The package tree ------------------------------------------------------------------------------
say "dist/newsdesk_${VERSION}_${ARCH}.deb"
T0=$(date +%s)
PKG=$(mktemp -d)
install -d "$PKG/opt" "$PKG/usr/bin" "$PKG/DEBIAN" \
    "$PKG/usr/share/applications" "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/newsdesk" \
    "$PKG/usr/share/man/man1" "$PKG/usr/share/lintian/overrides" \
    "$PKG/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$PKG/opt/newsdesk"
# The bootloader follows the symlink to find /opt/newsdesk/_internal.
ln -s /opt/newsdesk/newsdesk "$PKG/usr/bin/newsdesk"
install -m 0644 resources/newsdesk.desktop "$PKG/usr/share/applications/newsdesk.desktop"
install -m 0644 resources/io.newsdesk.Newsdesk.metainfo.xml "$PKG/usr/share/metainfo/"
install -m 0644 resources/icons/newsdesk.svg "$PKG/usr/share/icons/hicolor/scalable/apps/"
for png in resources/icons/newsdesk-*.png; do
    size=${png##*-}; size=${size%.png}
    install -D -m 0644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/newsdesk.png"
done
install -m 0644 packaging/lintian-overrides "$PKG/usr/share/lintian/overrides/newsdesk"
install -m 0644 packaging/debian-copyright "$PKG/usr/share/doc/newsdesk/copyright"

MAINTAINER=${DEB_MAINTAINER:-The Newsdesk developers <newsdesk@example.org>}
DATE=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf 'newsdesk (%s) stable; urgency=medium\n\n  * Newsdesk %s. Release notes:\n    %s\n\n -- %s  %s\n' \
    "$VERSION" "$VERSION" /usr/share/metainfo/io.newsdesk.Newsdesk.metainfo.xml "$MAINTAINER" "$DATE" \
    | gzip -9n > "$PKG/usr/share/doc/newsdesk/changelog.gz"

# A manual page made from --help, so it cannot drift from the program.
{
    printf '.TH NEWSDESK 1 "%s" "newsdesk %s" "User Commands"\n' "$(date -u -d "$DATE" +%Y-%m-%d)" "$VERSION"
    printf '.SH NAME\nnewsdesk \\- desktop news reader and currency converter\n'
    printf '.SH SYNOPSIS\n.B newsdesk\n[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR]]\n'
    printf '.SH DESCRIPTION\nWithout a command, \\fBnewsdesk\\fR opens its window. '
    printf 'Each command below also runs headless; \\fBnewsdesk \\fICOMMAND\\fB \\-\\-help\\fR describes it.\n'
    printf '.PP\n.nf\n'
    "$BUNDLE/newsdesk" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
    printf '.fi\n.SH FILES\n.TP\n.I /opt/newsdesk\nthe program and its libraries\n'
    printf '.SH SEE ALSO\nREADME.md in the Newsdesk sources: the commands, the design notes.\n'
} | gzip -9n > "$PKG/usr/share/man/man1/newsdesk.1.gz"

# Permissions lintian expects: no executable shared libraries, nothing group-writable.
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG" -type f -exec chmod 0644 {} +
chmod 0755 "$PKG/opt/newsdesk/newsdesk"

cat > "$PKG/DEBIAN/control" <<EOF
Package: newsdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
Depends: $DEPENDS_LINE
Section: news
Priority: optional
Description: desktop news reader and currency converter
 Newsdesk puts the news of many RSS and Atom feeds on one front page, newest
 first, with topics, full-text search in English and Russian, and the same
 story from other outlets. Its currency converter uses the official rates of
 the European Central Bank and the Bank of Russia, offline too.
 .
 This package carries its own Python and Qt under /opt/newsdesk.
EOF
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
    | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$PKG/DEBIAN/control" "$PKG/DEBIAN/md5sums"

DEB=dist/newsdesk_${VERSION}_${ARCH}.deb
rm -f dist/newsdesk_*.deb
# xz, not zstd: bookworm's lintian and older dpkg reject zstd members.
dpkg-deb --root-owner-group -Zxz -z"$XZ_LEVEL" --build "$PKG" "$DEB" >/dev/null
echo ".deb: $(($(date +%s) - T0)) s, $(du -h "$DEB" | cut -f1) (xz -$XZ_LEVEL)"

say "done in $(($(date +%s) - START)) s"
ls -l "$DEB"
