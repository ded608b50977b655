#!/usr/bin/env python3
"""Stands in for systemd's notification socket: binds a unix datagram socket at SOCKET and writes
every datagram received to LOG as "MILLISECONDS MESSAGE" (monotonic clock), one line per datagram
line. Runs until killed."""
import os
import socket
import sys
import time

path, log = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
with open(log, "a", buffering=1) as out:
    out.write(f"{int(time.monotonic() * 1000)} LISTENING\n")
    while True:
        data = s.recv(4096).decode("utf-8", "replace")
        now = int(time.monotonic() * 1000)
        for line in data.splitlines():
            out.write(f"{now} {line}\n")
