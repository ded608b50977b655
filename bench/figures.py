# Parsers of the figures the programs print: kiosk --stats, and the network test's summary
# line. Kept apart from the benchmark so that a test can hold them to the real output.
import re

STATS_RE = {
    "frames": r"frames drawn (\d+)",
    "transition_frames": r"in transitions (\d+)",
    "transition_p50_ms": r"in transitions \d+: p50 ([0-9.]+) ms",
    "transition_p99_ms": r"in transitions \d+: p50 [0-9.]+ ms, p99 ([0-9.]+) ms",
    "transition_max_ms": r"in transitions \d+: p50 [0-9.]+ ms, p99 [0-9.]+ ms, max ([0-9.]+) ms",
    "over_twice_median": r"over twice the median (\d+)",
    "other_changes": r"other changes (\d+)",
    "unchanged_redraws": r"unchanged redraws (\d+)",
    "redrawn_for_window": r"redrawn for the window (\d+)",
    "partial_frames": r"drawn in part (\d+)",
    "peak_memory_mb": r"peak memory ([0-9.]+) MB",
    "first_frame_ms": r"first frame ([0-9.-]+) ms",
    "renderer": r"renderer (\w+)",
}


def parse_kiosk_stats(text):
    """The figures of the line kiosk --stats prints (kiosk/app/stats.cpp), by name."""
    line = next((ln for ln in text.splitlines() if ln.startswith("stats:")), "")
    out = {"line": line}
    for key, pattern in STATS_RE.items():
        m = re.search(pattern, line)
        if m:
            v = m.group(1)
            out[key] = v if key == "renderer" else (float(v) if "." in v else int(v))
    return out


SYNC_LINE = re.compile(r"delta: poster (\d+) bytes, transfer (\d+) bytes; manifest (\d+) bytes, "
                       r"signature (\d+) bytes; unchanged polls: ([\d ]+) bytes")


def parse_sync_delta(text):
    """The figures of the network test's 'delta' summary line, or None."""
    m = SYNC_LINE.search(text)
    if not m:
        return None
    polls = [int(b) for b in m.group(5).split()]
    return {"poster_bytes": int(m.group(1)), "poster_transfer_bytes": int(m.group(2)),
            "manifest_transfer_bytes": int(m.group(3)),
            "signature_transfer_bytes": int(m.group(4)),
            "unchanged_poll_bytes": polls,
            "change_total_bytes": int(m.group(2)) + int(m.group(3)) + int(m.group(4))}
