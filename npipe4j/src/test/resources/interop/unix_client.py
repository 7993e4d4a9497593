"""A plain AF_UNIX stream client, for npipe4j's interop tests.

    python3 unix_client.py PATH BYTES

Connects to PATH, sends BYTES pseudo-random bytes (seeded, so the other side can check them) while
reading back everything the server sends until end of stream, then prints
"sent:BYTES:SHA256 received:N:SHA256".
"""
import hashlib
import random
import socket
import sys
import threading

path, size = sys.argv[1], int(sys.argv[2])
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.connect(path)
rng = random.Random(42)
sent = hashlib.sha256()


def send():
    left = size
    while left > 0:
        n = min(left, 1 << 16)
        block = rng.randbytes(n)
        sent.update(block)
        sock.sendall(block)
        left -= n
    sock.shutdown(socket.SHUT_WR)


writer = threading.Thread(target=send)
writer.start()
received = hashlib.sha256()
count = 0
while True:
    chunk = sock.recv(1 << 16)
    if not chunk:
        break
    received.update(chunk)
    count += len(chunk)
writer.join()
print("sent:%d:%s received:%d:%s" % (size, sent.hexdigest(), count, received.hexdigest()), flush=True)
