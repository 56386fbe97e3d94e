#!/usr/bin/env bash
# Installs the Debian packages the console and its tests need on a fresh machine:
# Qt's xcb platform libraries, QtWebEngine's runtime libraries, Xvfb for headless
# rendering, CJK fonts, mosquitto and its clients (MQTT tests, the centre bench), poppler-utils
# (PDF report tests) and ffmpeg (the test streams of the live-video tests; the console decodes with
# PyAV's own FFmpeg), and GStreamer's RTSP server with Debian's python3 bindings (the RTSP camera
# of the live-video tests).
# Does nothing where every package is already there, or on a machine without apt.
set -euo pipefail
PACKAGES=(
  xvfb xauth
  libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libdbus-1-3
  libfontconfig1 libxshmfence1 libgbm1
  fonts-noto-cjk
  mosquitto mosquitto-clients poppler-utils
  # the centre's PostgreSQL audit archive test (a throwaway cluster of Debian's server)
  postgresql
  ffmpeg
  # the RTSP test server (tests/rtsp_server.py): gst-rtsp-server, run by Debian's python3 through gi;
  # videotestsrc (base), rtph264pay (good), x264enc (ugly)
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
)
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get here; install the equivalents of: ${PACKAGES[*]}" >&2
  exit 0
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-system-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
