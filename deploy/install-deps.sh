#!/usr/bin/env bash
# Installs, from Debian's packages, what building and running the kiosk needs and is not there yet.
#   deploy/install-deps.sh          build and run
#   deploy/install-deps.sh --test   also what the test suite needs
#   deploy/install-deps.sh --bench  also what bench/ needs (the players it compares with)
#   deploy/install-deps.sh --fuzz   also clang for the fuzz targets (tools/fuzz)
set -euo pipefail

packages=(cmake g++ make pkg-config
          libsdl2-dev libsdl2-image-dev libjpeg-dev libfreetype-dev libharfbuzz-dev libicu-dev libmd4c-dev libqrencode-dev
          nlohmann-json3-dev libssl-dev libcurl4-openssl-dev
          libexif-dev libpng-dev libzip-dev libexpat1-dev
          # The fonts after the CJK font: symbols (℃, arrows) and colour emoji.
          fonts-dejavu-core fonts-noto-color-emoji)
if [[ " $* " == *" --test "* ]]; then
    packages+=(libgtest-dev xvfb xauth nginx-light python3-pil time zbar-tools xdotool)
    # Service, fleet view and package tests: the notify stand-in, passwords, the dashboard, .deb.
    packages+=(python3 curl openssl chromium dpkg-dev)
    # Spreadsheets written by real spreadsheet programs, photos with EXIF tags, for the pack tests.
    packages+=(python3-openpyxl libreoffice-calc-nogui python3-scipy)
fi
if [[ " $* " == *" --bench "* ]]; then
    packages+=(xvfb libx11-dev python3 python3-pil chromium feh nginx-light)
fi
if [[ " $* " == *" --fuzz "* ]]; then
    packages+=(clang-16 libclang-rt-16-dev llvm-16)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
