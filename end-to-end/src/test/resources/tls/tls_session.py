"""One list-lines session over TLS with Python's own ssl module (docs/PROTOCOL.md framing).

Usage: tls_session.py HOST PORT CA_FILE [CERT_FILE KEY_FILE]
Verifies the server against CA_FILE (hostname checked), shows the client certificate when given,
reads the list frame, sends ten lines and waits for the server to close. Exits 0 on a complete
session, printing the list and the TLS version; 1 with one line on anything else.
"""
import pickle
import socket
import ssl
import struct
import sys


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise EOFError("the server closed before the list frame was complete")
        data += chunk
    return data


def main():
    host, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    context = ssl.create_default_context(cafile=ca)
    if len(sys.argv) > 5:
        context.load_cert_chain(sys.argv[4], sys.argv[5])
    with socket.create_connection((host, port), timeout=20) as raw:
        with context.wrap_socket(raw, server_hostname=host) as s:
            (length,) = struct.unpack(">I", read_exactly(s, 4))
            values = pickle.loads(read_exactly(s, length))
            for i in range(10):
                line = ("Hey. %d" % i).encode("utf-8")
                s.sendall(struct.pack(">I", len(line)) + line)
            try:
                rest = s.recv(1)
            except (ssl.SSLEOFError, ConnectionResetError):
                rest = b""  # closed without close_notify: closed all the same
            if rest:
                raise RuntimeError("the server sent more after the list: %r" % rest)
            print(values, s.version())


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line, for the test's message
        print("failed: %s: %s" % (type(e).__name__, e))
        sys.exit(1)
