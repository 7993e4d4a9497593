"""A plain AF_UNIX stream server that runs as another user, for npipe4j's currentUserOnly tests.

    python3 unix_other_user_server.py PATH USER

Becomes USER (setgroups, setgid, setuid: needs root), then binds PATH, lets anyone connect, and
listens, so SO_PEERCRED gives its clients USER's uid. Prints "ready UID", or "cannot REASON" and
exits when it cannot become USER. For each connection, prints "got N": the bytes it received
before the client closed (0 for a client that left without writing). Serves until killed.
"""
import os
import pwd
import socket
import sys

path, user = sys.argv[1], sys.argv[2]
try:
    entry = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
except (KeyError, OSError) as e:
    print("cannot become %s: %s" % (user, e), flush=True)
    sys.exit(0)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
os.chmod(path, 0o777)
srv.listen(8)
print("ready %d" % os.geteuid(), flush=True)
while True:
    conn, _ = srv.accept()
    total = 0
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        total += len(chunk)
    conn.close()
    print("got %d" % total, flush=True)
