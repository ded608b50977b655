# Runs a player as the root of its own process tree and reports the exact CPU time of the whole
# tree when it is over, however it forked:
#   run_tree.py PID_FILE RESULT_FILE -- COMMAND ARGS…
# PID_FILE gets the player's pid and the CLOCK_MONOTONIC second it was started at.
# This process makes itself a child subreaper, so a player's processes orphaned by their parent
# come here and are reaped here; getrusage(RUSAGE_CHILDREN) then counts every process of the tree
# once. SIGTERM (from bench/compare) is passed to every process of the tree; those still there
# 5 s later are killed.
import ctypes
import json
import os
import resource
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procstat  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36


def descendants(root):
    return procstat.tree(root, procstat.read_all_stats()) - {root}


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        print("usage: run_tree.py PID_FILE RESULT_FILE -- COMMAND ARGS…", file=sys.stderr)
        return 2
    pid_file, result_file, cmd = argv[0], argv[1], argv[3:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("run_tree: cannot become a subreaper", file=sys.stderr)
        return 2
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(time.monotonic()))
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    with open(pid_file + ".tmp", "w") as f:
        f.write(f"{pid} {start:.6f}\n")
    os.replace(pid_file + ".tmp", pid_file)
    status = None
    signalled = killed = False
    while True:
        if stopping and not signalled:
            for p in descendants(os.getpid()):
                try:
                    os.kill(p, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            signalled = True
        if signalled and not killed and time.monotonic() - stopping[0] > 5:
            for p in descendants(os.getpid()):
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            killed = True
        try:
            done, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break  # Every process of the tree is reaped.
        except InterruptedError:
            continue
        if done == pid:
            status = os.waitstatus_to_exitcode(st)
        if done == 0:
            time.sleep(0.1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {"cpu_s": usage.ru_utime + usage.ru_stime, "user_s": usage.ru_utime,
              "system_s": usage.ru_stime, "exit": status, "wall_s": time.monotonic() - start,
              "killed": killed}
    with open(result_file, "w") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
