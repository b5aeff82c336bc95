#!/usr/bin/env python3
# swift-did: decentralized identity for Swift. Apache-2.0.
"""A local HTTPS origin for the did:web tests, bound to 127.0.0.1 only.

Usage: did_web_test_server.py CERT KEY ROUTES_JSON [ROOT]
Prints the port it listens on (one line), then serves until killed or until it has run for 120 seconds.
ROUTES_JSON maps a request path to an answer:
  {"status": 200, "headers": {"Name": "value"}, "body": "text", "size": N (N bytes of filler instead of body),
   "delay": seconds before the headers, "trickle": seconds between 16-byte body pieces, "noLength": true}
"{PORT}" in bodies and header values becomes the port. A request whose If-None-Match equals the route's ETag header gets 304. GET /__requests answers {"path": count} for every path requested so far.
"""
import json
import os
import signal
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The parent may have spawned us from a thread that blocks signals; make SIGTERM work.
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
cert, key, routes_path = sys.argv[1:4]
ROOT = sys.argv[4] if len(sys.argv) > 4 else None
with open(routes_path) as f:
    ROUTES = json.load(f)
COUNTS = {}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/__requests":
            with LOCK:
                body = json.dumps(COUNTS).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        with LOCK:
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
        route = ROUTES.get(self.path)
        if route is None and ROOT and ".." not in self.path:
            try:
                with open(os.path.join(ROOT, self.path.lstrip("/")), encoding="utf-8") as f:
                    route = {"status": 200, "headers": {"Content-Type": "application/did+json"}, "body": f.read()}
            except OSError:
                pass
        if route is None:
            route = {"status": 404, "body": "Not Found"}
        time.sleep(route.get("delay", 0))
        etag = route.get("headers", {}).get("ETag")
        if etag is not None and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            for name in ("Cache-Control", "Expires"):
                if name in route.get("headers", {}):
                    self.send_header(name, route["headers"][name])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if "size" in route:
            body = b"x" * route["size"]
        else:
            body = route.get("body", "").replace("{PORT}", str(PORT)).encode()
        self.send_response(route.get("status", 200))
        for name, value in route.get("headers", {}).items():
            self.send_header(name, value.replace("{PORT}", str(PORT)))
        if route.get("noLength"):
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        trickle = route.get("trickle")
        try:
            if trickle:
                for start in range(0, len(body), 16):
                    self.wfile.write(body[start:start + 16])
                    self.wfile.flush()
                    time.sleep(trickle)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
PORT = server.server_address[1]
print(PORT, flush=True)
threading.Timer(120, lambda: server.shutdown()).start()
server.serve_forever()
