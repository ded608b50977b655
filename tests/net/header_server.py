#!/usr/bin/env python3
"""A static file server on loopback for the header tests: like Python's http.server (which sends no
ETag, only Last-Modified), or with its ETag header spelt as a given server spells it. Answers
If-None-Match and If-Modified-Since with 304, logs "METHOD PATH STATUS" lines to LOG, and writes
its port to PORTFILE once listening. Usage: header_server.py ROOT LOG PORTFILE SPELLING
SPELLING: none (no ETag), or the header's name as sent: Etag, ETAG, etag…"""
import email.utils
import hashlib
import http.server
import os
import sys

root, log, portfile, spelling = sys.argv[1:5]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = os.path.join(root, self.path.split("?")[0].lstrip("/"))
        if not os.path.realpath(path).startswith(os.path.realpath(root)) or not os.path.isfile(path):
            return self.answer(404, b"not found\n", {})
        body = open(path, "rb").read()
        st = os.stat(path)
        modified = email.utils.formatdate(int(st.st_mtime), usegmt=True)
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        headers = {"Last-Modified": modified}
        if spelling != "none":
            headers[spelling] = etag
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (spelling != "none" and inm == etag) or (inm is None and ims == modified):
            return self.answer(304, b"", headers)
        self.answer(200, body, headers)

    def answer(self, status, body, headers):
        self.send_response_only(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)
        with open(log, "a") as out:
            out.write("GET %s %d\n" % (self.path, status))


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
