#!/usr/bin/env python3
"""Raw-framing list-lines client (Python 3, standard library only).

Written for listlines' interop tests from PROTOCOL.md's "Raw framing" section
and the behaviour described in the article "Basic Threading in Python" (its
pickle client). It is an independent implementation, not the article's code.

Behaviour:
  * connect to HOST:PORT;
  * receive bytes until they form one whole pickle (a pickle ends with its
    STOP opcode); the pickle is decoded by a restricted unpickler that refuses
    every global, so nothing is ever imported, called or instantiated;
  * check that it is a list of integers (signed 64-bit range) and print it
    with print(), e.g. ``[1, 2, 7, 9, 0]``;
  * send ``Hey. 0\\n`` ... ``Hey. 9\\n``, one sendall() per line;
  * close the socket right away (no waiting for the server), exit 0.

Exit status:
  0  success;
  1  connection refused, timeout, connection lost, or end of stream before a
     whole pickle arrived (one line on stderr);
  2  the server sent something that is not a pickle of a list of integers
     (garbage, a pickle naming a class/callable, another type, or more than
     --max-bytes without a complete pickle) (one line on stderr).

Run:
  python3 raw_client.py --host 127.0.0.1 --port 2727 [--timeout 10]
      [--max-bytes 65536]

--timeout (seconds) bounds the connect, the whole wait for the pickle, and
the sending of the lines.
"""

import argparse
import io
import pickle
import socket
import sys
import time

PROG = "raw_client"
LINE_COUNT = 10
INT64_MIN = -(2 ** 63)
INT64_MAX = 2 ** 63 - 1

EXIT_OK = 0
EXIT_IO = 1
EXIT_BAD_DATA = 2


class ForbiddenGlobal(pickle.UnpicklingError):
    """Raised when the pickle tries to name a class, function or extension."""


class RestrictedUnpickler(pickle.Unpickler):
    """An Unpickler that refuses every global: only plain data comes out."""

    def find_class(self, module, name):
        raise ForbiddenGlobal(
            "the pickle names the global %s.%s, which is not allowed" % (module, name)
        )

    def persistent_load(self, pid):
        raise ForbiddenGlobal("the pickle uses a persistent id, which is not allowed")


class Failure(Exception):
    """Ends the program with a one-line message and an exit status."""

    def __init__(self, status, message):
        Exception.__init__(self, message)
        self.status = status
        self.message = message


INCOMPLETE = "incomplete"
COMPLETE = "complete"
INVALID = "invalid"


def try_unpickle(data):
    """Return (COMPLETE, obj), (INCOMPLETE, None) or (INVALID, reason)."""
    try:
        obj = RestrictedUnpickler(io.BytesIO(data)).load()
    except EOFError:
        return INCOMPLETE, None
    except ForbiddenGlobal as exc:
        return INVALID, str(exc)
    except pickle.UnpicklingError as exc:
        text = str(exc)
        # What Python reports for a pickle that simply has not fully arrived.
        if "truncated" in text or "exhausted before end of frame" in text:
            return INCOMPLETE, None
        return INVALID, "not a valid pickle (%s)" % text
    except Exception as exc:  # garbage can trip many different errors
        return INVALID, "not a valid pickle (%s: %s)" % (type(exc).__name__, exc)
    return COMPLETE, obj


def check_list(obj):
    """Raise Failure unless obj is a list of integers in the signed 64-bit range."""
    if type(obj) is not list:
        raise Failure(
            EXIT_BAD_DATA,
            "the server sent a pickle of %s, not a list of integers" % type(obj).__name__,
        )
    for index, item in enumerate(obj):
        if type(item) is not int:
            raise Failure(
                EXIT_BAD_DATA,
                "the server's list holds a %s at index %d, not an integer"
                % (type(item).__name__, index),
            )
        if not INT64_MIN <= item <= INT64_MAX:
            raise Failure(
                EXIT_BAD_DATA,
                "the server's list holds an integer outside the signed 64-bit range at index %d"
                % index,
            )


def remaining(deadline, what):
    left = deadline - time.monotonic()
    if left <= 0:
        raise Failure(EXIT_IO, "timed out %s" % what)
    return left


def receive_list(sock, deadline, max_bytes):
    """Read until the bytes received so far form one whole pickle; return its object."""
    buf = bytearray()
    tried = False
    while True:
        sock.settimeout(remaining(deadline, "waiting for the pickled list"))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            _fail_incomplete(buf, "timed out waiting for the pickled list")
        except OSError as exc:
            raise Failure(EXIT_IO, "connection lost while receiving the list: %s" % exc)
        if not chunk:
            _fail_incomplete(buf, "end of stream before a whole pickle arrived")
        buf += chunk
        # A pickle can only become complete when its final STOP byte ('.')
        # arrives, so parsing is only retried then; the first chunk is always
        # parsed so that plain garbage is reported at once.
        if b"." in chunk or not tried:
            tried = True
            state, value = try_unpickle(bytes(buf))
            if state == COMPLETE:
                return value
            if state == INVALID:
                raise Failure(EXIT_BAD_DATA, "the server did not send a valid list: %s" % value)
        if len(buf) > max_bytes:
            raise Failure(
                EXIT_BAD_DATA,
                "the server sent more than %d bytes without a complete pickle" % max_bytes,
            )


def _fail_incomplete(buf, reason):
    """The stream ended or stalled: report garbage as such, otherwise an I/O failure."""
    if buf:
        state, value = try_unpickle(bytes(buf))
        if state == INVALID:
            raise Failure(EXIT_BAD_DATA, "the server did not send a valid list: %s" % value)
        reason = "%s (%d bytes received)" % (reason, len(buf))
    raise Failure(EXIT_IO, reason)


def run(host, port, timeout, max_bytes):
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except ConnectionRefusedError:
        raise Failure(EXIT_IO, "connection refused by %s:%d" % (host, port))
    except socket.timeout:
        raise Failure(EXIT_IO, "timed out connecting to %s:%d" % (host, port))
    except OSError as exc:
        raise Failure(EXIT_IO, "cannot connect to %s:%d: %s" % (host, port, exc))
    try:
        obj = receive_list(sock, deadline, max_bytes)
        check_list(obj)
        print(obj)
        sys.stdout.flush()
        for number in range(LINE_COUNT):
            sock.settimeout(remaining(deadline, "sending the lines"))
            try:
                sock.sendall(("Hey. %d\n" % number).encode("utf-8"))
            except socket.timeout:
                raise Failure(EXIT_IO, "timed out sending line %d" % number)
            except OSError as exc:
                raise Failure(EXIT_IO, "connection lost while sending line %d: %s" % (number, exc))
    finally:
        sock.close()  # right away, as the article's client does


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="raw_client.py",
        description="Raw-framing list-lines client (receives a pickled list, sends ten lines).",
    )
    parser.add_argument("--host", default="localhost", help="server host (default localhost)")
    parser.add_argument("--port", type=int, default=2727, help="server port (default 2727)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds allowed for the whole session (default 10)")
    parser.add_argument("--max-bytes", type=int, default=65536,
                        help="most bytes accepted before a complete pickle (default 65536)")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be between 0 and 65535")
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    try:
        run(args.host, args.port, args.timeout, args.max_bytes)
    except Failure as failure:
        sys.stdout.flush()
        sys.stderr.write("%s: %s\n" % (PROG, failure.message))
        sys.stderr.flush()
        return failure.status
    except KeyboardInterrupt:
        return 130
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
