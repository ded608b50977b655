# What a player costs, read from /proc: CPU time and proportional memory (PSS) of every process
# of its tree, sampled while it runs.
import os
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_stat(text):
    """The fields of /proc/PID/stat that matter here: (ppid, session, cpu seconds of utime+stime).
    The command name (field 2) may hold spaces and parentheses; it ends at the last ')'."""
    rest = text[text.rindex(")") + 2:].split()
    # rest[0] is field 3 (state): field N is rest[N - 3].
    ppid = int(rest[1])
    session = int(rest[3])
    ticks = int(rest[11]) + int(rest[12])
    return ppid, session, ticks / CLOCK_TICKS


def parse_pss_kb(text):
    """The Pss line of /proc/PID/smaps_rollup, in kB (0 if there is none)."""
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def tree(root, stats, session=None):
    """The pids of `root` and all its descendants, plus any process of `session` (a daemon that
    a player forks twice still belongs to it). `stats` maps pid -> (ppid, session, cpu)."""
    children = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    out = set()
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid in out:
            continue
        out.add(pid)
        todo.extend(children.get(pid, []))
    if session is not None:
        out.update(pid for pid, (_, sid, _) in stats.items() if sid == session)
    return {pid for pid in out if pid in stats}


def read_all_stats(proc=Path("/proc")):
    stats = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stats[int(entry.name)] = parse_stat((entry / "stat").read_text())
        except (OSError, ValueError, IndexError):
            pass  # Gone between listing and reading.
    return stats


def read_pss_kb(pid, proc=Path("/proc")):
    try:
        return parse_pss_kb((proc / str(pid) / "smaps_rollup").read_text())
    except OSError:
        return 0


class TreeSampler:
    """Samples a player's process tree. CPU per pid keeps the last value seen, so a process that
    exits still counts up to its last sample; PSS is summed per sample and the peak kept."""

    def __init__(self, root, session):
        self.root = root
        self.session = session
        self.cpu = {}  # pid -> last seen cpu seconds
        self.peak_pss_kb = 0
        self.peak_processes = 0
        self.seen = set()

    def sample(self, memory=True):
        stats = read_all_stats()
        pids = tree(self.root, stats, self.session)
        for pid in pids:
            self.cpu[pid] = stats[pid][2]
        self.seen |= pids
        self.peak_processes = max(self.peak_processes, len(pids))
        if memory:
            self.peak_pss_kb = max(self.peak_pss_kb, sum(read_pss_kb(p) for p in pids))
        return pids

    def cpu_total(self):
        """CPU seconds of the tree up to the last sample: a rising curve whose differences give
        the cost of a stretch of the run."""
        return sum(self.cpu.values())
