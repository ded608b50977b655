# Shell helpers shared by the end-to-end scripts (sourced).

fail() { echo "FAIL: $*" >&2; exit 1; }

# Width and height of a PNG, from its IHDR chunk.
png_size() {
    local w h
    w=$(od -An -tu1 -j16 -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    h=$(od -An -tu1 -j20 -N4 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
    echo "${w}x${h}"
}

# wait_for TEXT [TENTHS [COUNT]]: until the file `err` holds TEXT COUNT times (default once),
# checking every tenth of a second, TENTHS times (default 200).
wait_for() {
    for _ in $(seq "${2:-200}"); do
        [[ $(grep -cF -- "$1" err) -ge ${3:-1} ]] && return 0
        sleep 0.1
    done
    return 1
}
