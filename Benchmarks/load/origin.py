#!/usr/bin/env python3
# swift-did: decentralized identity for Swift. Apache-2.0.
"""The did:web origin of the load benchmark: HTTPS on 127.0.0.1 only, serving files under ROOT.

Usage: origin.py CERT KEY ROOT PORT
Answers GET /PATH with ROOT/PATH (application/did+json, Cache-Control: max-age=3600, so the resolver's cache stays
fresh for the whole benchmark) and GET /__requests with the number of document requests served so far (the
benchmark checks that the measured window asked the origin nothing). Stops after 30 minutes at most.
"""
import os
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

cert, key, root, port = sys.argv[1], sys.argv[2], os.path.realpath(sys.argv[3]), int(sys.argv[4])
served = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if status == 200:
            self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        global served
        if self.path == "/__requests":
            with lock:
                count = served
            self.answer(200, str(count).encode(), "text/plain")
            return
        path = os.path.realpath(os.path.join(root, self.path.split("?")[0].lstrip("/")))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            self.answer(404, b"not found", "text/plain")
            return
        with open(path, "rb") as f:
            body = f.read()
        with lock:
            served += 1
        self.answer(200, body, "application/did+json")


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
timer = threading.Timer(1800, server.shutdown)
timer.daemon = True
timer.start()
server.serve_forever()
