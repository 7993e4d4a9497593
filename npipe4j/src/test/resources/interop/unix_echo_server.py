"""A plain AF_UNIX stream echo server, for npipe4j's interop tests.

    python3 unix_echo_server.py PATH

Binds PATH, prints "ready", then for each connection: records the bytes it receives within the
first 300 ms before echoing anything ("first:N" on stdout), then echoes until end of stream and
prints "done:BYTES:SHA256" of what it received. Serves connections one after another until killed.
"""
import hashlib
import os
import select
import socket
import sys

path = sys.argv[1]
if os.path.exists(path):
    os.unlink(path)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(8)
print("ready", flush=True)
while True:
    conn, _ = srv.accept()
    digest = hashlib.sha256()
    total = 0
    early = b""
    ready, _, _ = select.select([conn], [], [], 0.3)
    if ready:
        early = conn.recv(65536)
    print("first:%d" % len(early), flush=True)
    chunk = early
    while True:
        if chunk:
            digest.update(chunk)
            total += len(chunk)
            conn.sendall(chunk)
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
    conn.shutdown(socket.SHUT_WR)
    conn.close()
    print("done:%d:%s" % (total, digest.hexdigest()), flush=True)
