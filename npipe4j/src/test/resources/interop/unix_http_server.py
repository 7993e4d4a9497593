"""Python's http.server on a Unix domain socket, for npipe4j's interop tests.

    python3 unix_http_server.py PATH

Prints "ready" once listening. GET /hello answers "hello over a unix socket"; POST /echo answers
the request body. HTTP/1.1 with keep-alive.
"""
import http.server
import os
import socketserver
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"

    def do_GET(self):
        body = b"hello over a unix socket"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


path = sys.argv[1]
if os.path.exists(path):
    os.unlink(path)
with Server(path, Handler) as server:
    print("ready", flush=True)
    server.serve_forever()
