#!/bin/sh
# Install the built bundle (dist/MemberTill) into /opt/membertill with a launcher and a desktop
# entry. Data stays in each user's ~/.local/share/MemberTill (kept on uninstall and upgrade).
#   sudo installer/linux/install.sh            install or upgrade
#   sudo installer/linux/install.sh --remove   uninstall (the data folder is kept)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ "${1:-}" = "--remove" ]; then
    rm -rf /opt/membertill /usr/local/bin/membertill /usr/share/applications/membertill.desktop
    echo "MemberTill removed; each user's data folder (~/.local/share/MemberTill) is kept."
    exit 0
fi
[ -x "$ROOT/dist/MemberTill/MemberTill" ] || { echo "Build first: python installer/build.py" >&2; exit 1; }
rm -rf /opt/membertill.new
cp -a "$ROOT/dist/MemberTill" /opt/membertill.new
rm -rf /opt/membertill
mv /opt/membertill.new /opt/membertill
ln -sf /opt/membertill/MemberTill /usr/local/bin/membertill
install -m 644 "$HERE/membertill.desktop" /usr/share/applications/membertill.desktop
echo "MemberTill installed in /opt/membertill (run: membertill)"
