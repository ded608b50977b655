# The benchmark's parsers, held to real output: the /proc formats they read, the line
# kiosk --stats prints (run for a second when KIOSK names the binary) and the network test's
# summary line. The benchmark itself is no test: it prints figures and judges nothing.
#   python3 bench/test_bench.py
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import figures  # noqa: E402
import procstat  # noqa: E402


class ProcTest(unittest.TestCase):
    def test_stat_names_with_spaces_and_parentheses(self):
        # Field 2 is the command name in parentheses; it may hold both.
        line = ("4242 (Web Content (x)) S 4000 4242 4242 0 -1 4194560 100 0 0 0 "
                f"{3 * procstat.CLOCK_TICKS} {procstat.CLOCK_TICKS} 0 0 20 0 12 0 555 0 0")
        ppid, session, cpu = procstat.parse_stat(line)
        self.assertEqual((ppid, session), (4000, 4242))
        self.assertAlmostEqual(cpu, 4.0)

    def test_stat_of_this_process(self):
        ppid, _, cpu = procstat.parse_stat(Path("/proc/self/stat").read_text())
        self.assertEqual(ppid, os.getppid())
        self.assertGreaterEqual(cpu, 0)

    def test_pss(self):
        self.assertEqual(procstat.parse_pss_kb("Rss:  100 kB\nPss:   42 kB\nPss_Anon: 7 kB\n"), 42)
        self.assertEqual(procstat.parse_pss_kb(""), 0)
        self.assertGreater(procstat.read_pss_kb(os.getpid()), 0)

    def test_tree_takes_descendants_and_the_session(self):
        stats = {10: (1, 10, 0.0), 11: (10, 10, 0.0), 12: (11, 10, 0.0),
                 13: (1, 10, 0.0),   # Forked twice: its parent is gone, its session is not.
                 20: (1, 20, 0.0)}   # Someone else.
        self.assertEqual(procstat.tree(10, stats), {10, 11, 12})
        self.assertEqual(procstat.tree(10, stats, session=10), {10, 11, 12, 13})

    def test_run_tree_counts_every_process(self):
        # A child that burns CPU in a grandchild orphaned by its parent: still counted.
        with tempfile.TemporaryDirectory() as d:
            pid_file, result = f"{d}/pid", f"{d}/result.json"
            burn = ("import time; t = time.process_time(); "
                    "exec('while time.process_time() - t < 0.3: pass')")
            cmd = ["sh", "-c", f"({sys.executable} -c \"{burn}\" &) ; exit 0"]
            subprocess.run([sys.executable, str(Path(__file__).parent / "run_tree.py"), pid_file,
                            result, "--", *cmd], check=True, timeout=30)
            counted = json.loads(Path(result).read_text())
            self.assertGreaterEqual(counted["cpu_s"], 0.3)
            self.assertEqual(counted["exit"], 0)


STATS_LINE = ("stats: frames drawn 286; in transitions 274: p50 14.50 ms, p99 23.59 ms, "
              "max 25.39 ms, over twice the median 0; other changes 11 (max 14.50 ms); redrawn "
              "for the window 1; unchanged redraws 0; drawn in part 9; peak memory 60.6 MB; first "
              "frame 168.1 ms "
              "after start; renderer software")


class FiguresTest(unittest.TestCase):
    def test_kiosk_stats(self):
        s = figures.parse_kiosk_stats("info: something\n" + STATS_LINE + "\n")
        self.assertEqual(s["frames"], 286)
        self.assertEqual(s["transition_frames"], 274)
        self.assertEqual((s["transition_p50_ms"], s["transition_p99_ms"], s["transition_max_ms"]),
                         (14.5, 23.59, 25.39))
        self.assertEqual((s["over_twice_median"], s["other_changes"], s["redrawn_for_window"],
                          s["unchanged_redraws"]), (0, 11, 1, 0))
        self.assertEqual((s["peak_memory_mb"], s["first_frame_ms"], s["renderer"]),
                         (60.6, 168.1, "software"))
        self.assertEqual(s["partial_frames"], 9)

    @unittest.skipUnless(os.environ.get("KIOSK"), "KIOSK names no kiosk binary")
    def test_the_kiosk_prints_what_the_benchmark_reads(self):
        out = subprocess.run([os.environ["KIOSK"], "--headless", "--size", "320x180",
                              "--run-for", "0.5", "--stats"], capture_output=True, text=True,
                             timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        s = figures.parse_kiosk_stats(out.stdout)
        self.assertEqual(set(figures.STATS_RE) - set(s), set(), s["line"])

    def test_sync_delta(self):
        f = figures.parse_sync_delta("delta: poster 135100 bytes, transfer 135410 bytes; manifest "
                                     "9000 bytes, signature 400 bytes; unchanged polls: 206 207 "
                                     "bytes\n")
        self.assertEqual(f["unchanged_poll_bytes"], [206, 207])
        self.assertEqual(f["change_total_bytes"], 135410 + 9000 + 400)
        self.assertIsNone(figures.parse_sync_delta("delta: poster 1 bytes"))


if __name__ == "__main__":
    unittest.main()
