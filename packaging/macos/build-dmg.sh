#!/usr/bin/env bash
# Build dist/Newsdesk.app and dist/Newsdesk-<version>.dmg. Runs on macOS only (PyInstaller does
# not cross-compile); not tested in this project's CI, which runs on Debian.
#
#   bash packaging/macos/build-dmg.sh
#
# Needs Python 3.11+ from python.org or Homebrew, and Xcode's command line tools (hdiutil,
# codesign). Optional, for a build others can open without Gatekeeper warnings:
#   CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)"   sign the app and the .dmg
#   NOTARY_PROFILE=<keychain profile of `xcrun notarytool store-credentials`>   notarise, staple
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $(uname -s) == Darwin ]] || { echo "build-dmg.sh: run this on macOS" >&2; exit 1; }

VENV=${VENV:-.venv}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/newsdesk/__init__.py)
APP=dist/Newsdesk.app
DMG=dist/Newsdesk-$VERSION.dmg

[[ -x $VENV/bin/python ]] || "${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip --disable-pip-version-check -q install -e '.[build]'

# The spec reads packaging/macos/Info.plist, adds the version, and uses resources/icons/newsdesk.icns.
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/newsdesk.spec

"$APP/Contents/MacOS/newsdesk" --version
PROFILE=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/newsdesk" --smoke-test --profile "$PROFILE"
rm -rf "$PROFILE"

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    # Hardened runtime is required for notarisation. PyInstaller signed each library ad hoc;
    # --deep re-signs them with the identity.
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

# A disk image with the app and a link to /Applications, so people drag it across.
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Newsdesk $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
fi
if [[ -n ${NOTARY_PROFILE:-} ]]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi
ls -l "$DMG"
