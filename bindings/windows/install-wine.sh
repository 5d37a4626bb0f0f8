#!/bin/sh
# Installs what the Windows tests run on, when missing: Debian's wine and wine64, then wine32
# through the i386 architecture. Quiet unless something fails; apt's log goes to $1.
#
# A 32-bit Wine is not always installable: the i386 packages must have the very versions of the
# amd64 ones already installed, and a mirror whose i386 index lags behind cannot offer them. Then
# the i386 architecture is taken back out (if this script added it), so that later
# `apt-get update` runs stay clean, and the script still succeeds: make windows-test reports
# the skipped x86 Wine tests.
set -u
log=$1
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo=sudo; fi
apt() {
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600 "$@"
}

if ! command -v wine >/dev/null 2>&1 || [ ! -x /usr/lib/wine/wine64 ]; then
    echo "installing wine, wine64"
    { apt update || true; apt install -y wine wine64; } >"$log" 2>&1 || { cat "$log"; exit 1; }
fi

if [ ! -x /usr/lib/wine/wine ]; then
    echo "installing wine32:i386"
    added=no
    if ! dpkg --print-foreign-architectures | grep -qx i386; then
        $sudo dpkg --add-architecture i386 && added=yes
    fi
    if ! { apt update || true; apt install -y wine32:i386; } >"$log" 2>&1; then
        echo "32-bit Wine could not be installed:"
        grep -E '^E:' "$log" | head -n 5
        if [ "$added" = yes ] && [ -z "$(dpkg-query -W -f '${Architecture}\n' 2>/dev/null | grep -x i386)" ]; then
            $sudo dpkg --remove-architecture i386 && { apt update || true; } >>"$log" 2>&1
        fi
    fi
fi
exit 0
