#!/usr/bin/env bash
# Runs the real kiosk and kiosk-pack on the corpus of broken and malicious files that
# make-corpus.py writes, and checks what each item must do (its expect.tsv): refused with a line
# naming the file, while everything good keeps playing; and that the whole run stays within the
# memory and time limits of docs/robustness.md.
# Usage: run.sh KIOSK KIOSK_PACK SOURCE_DIR
set -uo pipefail
kiosk=$1
pack=$2
src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

/usr/bin/python3 "$src/tests/corpus/make-corpus.py" "$work/c" || { echo "FAIL: make-corpus.py" >&2; exit 1; }
c=$work/c

# The limits (docs/robustness.md): 768 MiB of address space for the whole program, and a
# generous wall-clock bound that only a hang would reach. Sanitizer builds reserve terabytes of
# address space, so they run without the cap (and their memory figure is not the program's).
limit_mib=768
rss_limit_mib=512
sanitized=0
# A sanitizer runtime, linked as a shared library (GCC) or into the program (clang).
grep -qaE '__(asan|tsan)_init|__ubsan_handle' "$kiosk" && sanitized=1

# 1. One bundle with every broken image and data file among good slides, played for ten minutes
#    (two rounds and more, however many slides are skipped).
(
    ((sanitized)) || ulimit -v $((limit_mib * 1024))
    exec /usr/bin/time -f "%M %e %U" -o "$work/time" timeout 300 \
        "$kiosk" --content "$c/bundle" --headless --size 1920x1080 --clock 2020-11-08T09:00:00+08:00 \
        --after 600 --screenshot "$work/shot.png" --play-log "$work/plays" --display-id corpus
) >"$work/out" 2>"$work/err"
code=$?
[[ $code == 0 ]] || { tail -20 "$work/err" >&2; fail "the kiosk exited with $code on the corpus bundle"; }
[[ -s $work/shot.png ]] || fail "no screenshot was written"
# The last line: GNU time puts "Command terminated by signal N" before it when there was one.
read -r rss_kb wall cpu < <(tail -n 1 "$work/time" 2>/dev/null) || true
[[ $rss_kb =~ ^[0-9]+$ ]] || rss_kb=0
plays=$(cat "$work"/plays/*.csv 2>/dev/null)
shown() { cut -d, -f5 <<<"$plays" | grep -qx -- "$1"; }
while IFS=$'\t' read -r kind target text; do
    case $kind in
    show) shown "$target" || fail "slide $target was never shown" ;;
    refuse-image | refuse-data)
        # "FILE: WHY": a line names the file and gives the reason.
        grep -F -- "${text%%: *}: " "$work/err" | grep -qF -- "${text#*: }" ||
            fail "no line names ${text%%: *} and says: ${text#*: }"
        shown "$target" && fail "slide $target was shown although its file is refused" ;;
    survive-image)
        shown "$target" || grep -qF -- "$text: " "$work/err" || fail "slide $target neither shown nor refused by name" ;;
    esac
done <"$c/expect.tsv"
echo "corpus bundle: exit $code, peak memory $((rss_kb / 1024)) MiB, ${wall} s wall, ${cpu} s CPU" \
    "$( ((sanitized)) && echo "(sanitizer build: no address-space cap)" || echo "(address space capped at $limit_mib MiB)")"
if ((!sanitized)) && ((rss_kb / 1024 > rss_limit_mib)); then
    fail "peak memory $((rss_kb / 1024)) MiB is over the limit of $rss_limit_mib MiB"
fi

# 2. Broken manifests: the bundle is refused at start (exit 2), naming manifest.json and why.
# 3. Broken display configs: refused at start, naming the file and the field.
while IFS=$'\t' read -r kind target text; do
    case $kind in
    refuse-manifest)
        timeout 120 "$kiosk" --content "$c/$target" --headless --size 640x360 --screenshot "$work/m.png" \
            >/dev/null 2>"$work/merr"
        code=$?
        [[ $code == 2 ]] || fail "$target: exit $code, expected 2"
        grep -qF "manifest.json" "$work/merr" && grep -qF -- "$text" "$work/merr" ||
            fail "$target: the refusal does not name manifest.json and say: $text ($(head -c 300 "$work/merr"))" ;;
    refuse-config)
        timeout 120 "$kiosk" --config "$c/$target" --content "$c/bundle" --headless --size 640x360 \
            --screenshot "$work/m.png" >/dev/null 2>"$work/merr"
        code=$?
        [[ $code == 2 ]] || fail "$target: exit $code, expected 2"
        grep -qF "$(basename "$target")" "$work/merr" && grep -qF -- "$text" "$work/merr" ||
            fail "$target: the refusal does not name the file and say: $text ($(head -c 300 "$work/merr"))" ;;
    esac
done <"$c/expect.tsv"

# 4. kiosk-pack on source folders: office encodings are read, wrong sheets and posters refused.
while IFS=$'\t' read -r kind target text; do
    case $kind in
    pack-ok)
        timeout 120 "$pack" check "$c/$target" >"$work/pout" 2>&1 ||
            fail "$target: kiosk-pack check refused it: $(head -c 300 "$work/pout")" ;;
    pack-refuse)
        timeout 120 "$pack" check "$c/$target" >"$work/pout" 2>&1 && fail "$target: kiosk-pack check accepted it"
        grep -qF -- "$text" "$work/pout" || fail "$target: kiosk-pack does not say: $text ($(head -c 300 "$work/pout"))" ;;
    esac
done <"$c/expect.tsv"

items=$(wc -l <"$c/expect.tsv")
if ((failures)); then
    echo "corpus: $failures of $items checks failed" >&2
    exit 1
fi
echo "corpus: all $items items behaved as expected"
