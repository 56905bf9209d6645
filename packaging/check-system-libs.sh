#!/bin/sh
# Qt's wheels bundle Qt itself but load a few system libraries at run time.
# Check them; as root with apt-get, install what is missing; else say exactly what to install.
set -u
missing_pkgs=""
check() { # $1 = soname, $2 = Debian/Ubuntu package
    if ! ldconfig -p 2>/dev/null | grep -q "$1"; then
        echo "missing system library: $1 (Debian/Ubuntu package: $2)"
        missing_pkgs="$missing_pkgs $2"
    fi
}
[ "$(uname -s)" = "Linux" ] || exit 0
check libGL.so.1 libgl1
check libEGL.so.1 libegl1
check libxkbcommon.so.0 libxkbcommon0
check libfontconfig.so.1 libfontconfig1
check libfreetype.so.6 libfreetype6
check libdbus-1.so.3 libdbus-1-3
check libglib-2.0.so.0 libglib2.0-0
# The xcb platform plugin (a real window, `make run`) needs these too.
check libxkbcommon-x11.so.0 libxkbcommon-x11-0
check libxcb-cursor.so.0 libxcb-cursor0
check libxcb-icccm.so.4 libxcb-icccm4
check libxcb-keysyms.so.1 libxcb-keysyms1
check libxcb-shape.so.0 libxcb-shape0
if ! fc-list 2>/dev/null | grep -q .; then
    echo "no fonts found by fontconfig (Debian/Ubuntu package: fonts-dejavu-core)"
    missing_pkgs="$missing_pkgs fonts-dejavu-core fontconfig"
fi
[ -z "$missing_pkgs" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing_pkgs"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing_pkgs >/dev/null \
        && exit 0
    echo "error: apt-get could not install:$missing_pkgs"
    exit 1
fi
echo "error: Qt needs the system packages above. Install them, e.g.:"
echo "    sudo apt-get install$missing_pkgs"
exit 1
