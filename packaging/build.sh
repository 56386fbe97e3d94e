#!/usr/bin/env bash
# Builds the Linux one-folder bundle: dist/city-console/{city-console,city-console-cli}.
#
#   packaging/build.sh            # build (a clean venv in $BUILD_VENV, default /tmp/buildvenv)
#   packaging/build.sh --smoke    # build, then start the bundle headless and check it
#   packaging/build.sh --smoke-only   # check an existing dist/city-console
#
# The venv is separate from the development one: PyInstaller and the project installed
# NOT editable (an editable install's import hooks and missing package data would be
# invisible in the bundle). Smoke checks: --version; doctor --json (plugins found via
# the bundled metadata, Qt versions); a --demo --screenshot under QT_QPA_PLATFORM=offscreen;
# the map layout (QtWebEngine) under Xvfb when xvfb-run is there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
# only the installed package may be seen by the build (not a source tree on PYTHONPATH)
unset PYTHONPATH
VENV="${BUILD_VENV:-/tmp/buildvenv}"
PYINSTALLER_VERSION="${PYINSTALLER_VERSION:-6.22.3}"
BUILD=1 SMOKE=0
case "${1:-}" in
  --smoke) SMOKE=1 ;;
  --smoke-only) BUILD=0 SMOKE=1 ;;
  "") ;;
  *) echo "usage: $0 [--smoke|--smoke-only]" >&2; exit 2 ;;
esac

if [ "$BUILD" = 1 ]; then
  t0=$(date +%s)
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
  fi
  "$VENV/bin/python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
  # the project itself from this tree, not editable; its pinned dependencies come along
  "$VENV/bin/python" -m pip install -q -c "$ROOT/constraints.txt" --force-reinstall --no-deps "$ROOT"
  "$VENV/bin/python" -m pip install -q -c "$ROOT/constraints.txt" "$ROOT"
  rm -rf build/pyinstaller dist/city-console
  # run from an empty folder so the source tree is not on sys.path: only the installed package is bundled
  (cd "$(mktemp -d)" && "$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
      --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/city-console.spec")
  t1=$(date +%s)
  echo "build: $((t1 - t0)) s; bundle: $(du -sh dist/city-console | cut -f1) in $(find dist/city-console -type f | wc -l) files"
fi

[ "$SMOKE" = 1 ] || exit 0
B="$ROOT/dist/city-console"
[ -x "$B/city-console-cli" ] || { echo "no bundle at $B: build first" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
# run from elsewhere, with no Python of ours on the path: only the bundle counts
cd "$TMP"
unset PYTHONPATH VIRTUAL_ENV
"$B/city-console-cli" --version
QT_QPA_PLATFORM=offscreen "$B/city-console-cli" doctor --json --cache "$TMP/c" > doctor.json
python3 - doctor.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["frozen"] is True, d["frozen"]
assert d["plugins"]["discovery"] == "entry points", d["plugins"]
assert [p["name"] for p in d["plugins"]["loaded"]] and not d["plugins"]["failed"], d["plugins"]
assert d["versions"]["qt"] and d["versions"]["pyqtgraph"] and d["screens"], d
print("doctor: frozen, plugins", [p["name"] for p in d["plugins"]["loaded"]], "via", d["plugins"]["discovery"], "Qt", d["versions"]["qt"])
PY
s0=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen "$B/city-console-cli" --demo --cache "$TMP/c" --size 1280x720 --screenshot "$TMP/wall.png" --after 4
s1=$(date +%s.%N)
echo "demo screenshot (offscreen, --after 4): $(python3 -c "print(f'{$s1 - $s0:.1f}')") s wall time"
[ -s "$TMP/wall.png" ]
if command -v xvfb-run >/dev/null; then
  # the flood plugin's own map layout, read from inside the bundle (proves it was bundled)
  MAP_LAYOUT="$(find "$B" -path '*plugins/flood/layouts/map.json' | head -1)"
  [ -n "$MAP_LAYOUT" ] || { echo "map layout missing from the bundle" >&2; exit 1; }
  xvfb-run -a -s "-screen 0 1280x720x24" env QT_QPA_PLATFORM=xcb "$B/city-console-cli" --demo --cache "$TMP/c" \
      --size 1280x720 --layout "$MAP_LAYOUT" --screenshot "$TMP/map.png" --after 8
  [ -s "$TMP/map.png" ]
fi
if [ -n "${SMOKE_KEEP:-}" ]; then cp "$TMP"/*.png "$SMOKE_KEEP"/; fi
echo "smoke: ok"
