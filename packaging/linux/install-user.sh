#!/usr/bin/env bash
# Installs the desktop entry, the icons and the wall client's systemd user unit for the
# current user. Run from the source tree or from an unpacked bundle's packaging/linux/.
#   packaging/linux/install-user.sh            # desktop entry + icons + unit (not enabled)
#   packaging/linux/install-user.sh --enable   # ... and start the wall client now and at login
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
icons="$here/../../resources/icons"
[ -d "$icons" ] || icons="$here/../icons"   # inside the bundle
data="${XDG_DATA_HOME:-$HOME/.local/share}"
config="${XDG_CONFIG_HOME:-$HOME/.config}"
# the launcher both the menu entry and the wall unit start: the bundle's (here is
# <bundle>/_internal/packaging/linux), else a pip install's on PATH, else this tree's .venv
if [ -x "$here/../../../city-console" ] && [ -d "$here/../../../_internal" ]; then
  launcher="$(cd "$here/../../.." && pwd)/city-console"
elif command -v city-console >/dev/null; then
  launcher="$(command -v city-console)"
elif [ -x "$here/../../.venv/bin/city-console" ]; then
  launcher="$(cd "$here/../../.venv/bin" && pwd)/city-console"
else
  echo "install-user: no city-console launcher found (install the bundle or pip install the project first)" >&2
  exit 1
fi
mkdir -p "$data/applications" "$config/systemd/user"
sed -e "s|^Exec=city-console|Exec=$launcher|" -e "s|^TryExec=city-console\$|TryExec=$launcher|" \
  "$here/city-console.desktop" > "$data/applications/city-console.desktop"
chmod 644 "$data/applications/city-console.desktop"
for s in 16 24 32 48 64 128 256; do
  install -Dm644 "$icons/city-console-$s.png" "$data/icons/hicolor/${s}x${s}/apps/city-console.png"
done
install -Dm644 "$icons/city-console.svg" "$data/icons/hicolor/scalable/apps/city-console.svg"
sed -e "s|^ExecStart=/opt/city-console/city-console|ExecStart=$launcher|" \
  "$here/city-console-wall.service" > "$config/systemd/user/city-console-wall.service"
chmod 644 "$config/systemd/user/city-console-wall.service"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
if command -v systemctl >/dev/null; then
  systemctl --user daemon-reload || true
  if [ "${1:-}" = "--enable" ]; then
    systemctl --user import-environment DISPLAY XAUTHORITY WAYLAND_DISPLAY 2>/dev/null || true
    systemctl --user enable --now city-console-wall.service
  fi
fi
echo "launcher: $launcher"
echo "installed: desktop entry, icons, city-console-wall.service (systemctl --user enable --now city-console-wall)"
