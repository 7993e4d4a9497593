"""The Python peer of the npipe4j Unix interop tests: Python's own http.server on a Unix socket.

    python3 unix-http-server.py SOCKET_PATH

Serves HTTP/1.1 (keep-alive) on socketserver's ThreadingUnixStreamServer and prints "ready" once
listening. The same endpoints as the go-winio peer (native/go):
    GET /hello          a fixed body with Content-Length
    GET /chunked?n=N    N chunks, flushed one by one
    POST /digest        "len=N sha256=HEX" of the request body
    POST /attach        101 UPGRADED, then the raw stream until the client's half-close
                        (shutdown(SHUT_WR)), answered with "len=N sha256=HEX\\n" and a close
Exits with 3 after NPIPE4J_NATIVE_TIMEOUT seconds (default 90), so it never hangs.
"""

import hashlib
import http.server
import os
import socketserver
import sys
import threading
import urllib.parse


def digest(chunks):
    h = hashlib.sha256()
    n = 0
    for chunk in chunks:
        h.update(chunk)
        n += len(chunk)
    return "len=%d sha256=%s" % (n, h.hexdigest())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"  # a Unix socket's peer address is an empty string

    def log_message(self, format, *args):
        pass

    def send_body(self, text):
        body = text.encode("ascii")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/hello":
            self.send_body("hello from python\n")
        elif url.path == "/chunked":
            n = int(urllib.parse.parse_qs(url.query).get("n", ["0"])[0])
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(n):
                chunk = ("chunk %d\n" % i).encode("ascii")
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        if self.path == "/digest":
            self.send_body(digest([self.rfile.read(length)]))
        elif self.path == "/attach":
            self.rfile.read(length)
            self.send_response(101, "UPGRADED")
            self.send_header("Connection", "Upgrade")
            self.send_header("Upgrade", "tcp")
            self.end_headers()
            self.wfile.flush()
            # The raw stream ends with the client's half-close: read to end of stream.
            answer = digest(iter(lambda: self.rfile.read1(65536), b""))
            self.wfile.write((answer + "\n").encode("ascii"))
            self.wfile.flush()
            self.close_connection = True
        else:
            self.send_error(404)


def main():
    if len(sys.argv) != 2:
        print("usage: unix-http-server.py SOCKET_PATH")
        sys.exit(2)
    timeout = int(os.environ.get("NPIPE4J_NATIVE_TIMEOUT", "90"))
    watchdog = threading.Timer(timeout, lambda: (print("error: timed out (watchdog)", flush=True), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    socketserver.ThreadingUnixStreamServer.daemon_threads = True
    with socketserver.ThreadingUnixStreamServer(path, Handler) as server:
        print("ready", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
