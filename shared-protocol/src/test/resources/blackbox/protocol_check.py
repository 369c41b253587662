#!/usr/bin/env python3
"""Black-box conformance checker for the list-lines protocol, server side, framed mode.

Written from PROTOCOL.md alone, without looking at any implementation of the project.
Standard library only; runs on Python 3.8 and later.

Usage:

    python3 protocol_check.py --host 127.0.0.1 --port PORT [--max-frame 65536]
        [--idle-timeout SECONDS] [--list 1,2,7,9,0] [--skip-idle]
        [--timeout SECONDS] [--prompt-timeout SECONDS]

The checker connects to a running server that uses the default `framed` framing: every
message is a 4-byte unsigned big-endian length N followed by N bytes of payload. On connect
the server sends one list frame (a pickle of a list of integers); the client sends up to ten
UTF-8 line frames; after the tenth line the server closes the connection.

Each check prints one line to stdout, `PASS name` or `FAIL name: reason`, and the run ends
with the line `N passed, M failed`. The exit status is 0 when nothing failed, 1 otherwise
(2 for bad arguments). A check that is not run (the idle check under --skip-idle, or an
oversize prefix that cannot exceed a very large --max-frame) is mentioned on stderr only.

Every socket operation has a timeout (--timeout, default 5 s; the idle check waits up to
idle-timeout + 5 s), so the checker never hangs. Errors the server must answer by closing
the connection "at once" (oversize prefix, invalid UTF-8, non-frame bytes, end of stream in
a frame) must close it within --prompt-timeout, by default min(2, max(0.5, idle-timeout / 2))
seconds, so that a server which merely waits for its idle timeout is not mistaken for one
that detected the error. After each such error a fresh normal session must still complete.

Checks, in order (each on its own connection or connections):

  normal_session               list frame decodes to --list, nothing else is sent, the server
                               stays open after nine lines and closes cleanly after the tenth
  line_endings_and_empty_line  lines ending in \n and \r\n, empty payloads, non-ASCII UTF-8
  byte_by_byte                 the ten frames sent one byte per send() (TCP_NODELAY)
  all_in_one_send              the ten frames in a single send()
  extra_bytes_after_tenth      ten frames plus garbage in one send(): the server closes
  client_half_close            ten lines, then the client shuts down its write side
  oversize_prefix_*            max+1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF announced, no payload
  invalid_utf8_*               FF FE, overlong C0 AF, surrogate ED A0 80, truncated, > U+10FFFF
  http_request, random_bytes   bytes that are not frames at all
  eof_mid_frame                end of stream inside a frame
  reset_mid_frame              reset (SO_LINGER 0) inside a frame
  incomplete_session           three lines, then close
  idle_timeout                 a silent client is closed near --idle-timeout, not much earlier
  idle_client_does_not_block_others   a session completes while another client sits idle
  concurrency_50               50 sessions open at the same time all complete
  max_size_frame               a line frame of exactly --max-frame bytes is accepted

The hostile checks (oversize prefix to incomplete_session) and client_half_close then run a
fresh normal session to check that the server is still healthy.

The list frame is decoded with an unpickler that refuses every global (class or callable),
so nothing the server sends is ever executed; a list of integers decodes exactly as with
pickle.loads.
"""

from __future__ import print_function

import argparse
import io
import pickle
import random
import select
import socket
import struct
import sys
import threading
import time

DEFAULT_PORT = 2727
DEFAULT_MAX_FRAME = 65536
DEFAULT_IDLE_TIMEOUT = 30.0
DEFAULT_TIMEOUT = 5.0
DEFAULT_LIST = "1,2,7,9,0"
CONCURRENT_SESSIONS = 50

HEY_LINES = ["Hey. %d" % i for i in range(10)]


class CheckFailed(Exception):
    """A check found the server not conforming; the message is the reason."""


# --------------------------------------------------------------------------- helpers


class _ListOnlyUnpickler(pickle.Unpickler):
    """Unpickler that refuses to resolve any global, so only plain data can be built."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(
            "pickle names the global %s.%s (classes and callables are not allowed)"
            % (module, name))


def decode_list_payload(payload):
    """Decode a list frame payload; return the list or raise CheckFailed."""
    try:
        value = _ListOnlyUnpickler(io.BytesIO(payload)).load()
    except Exception as exc:  # any unpickling problem is a protocol violation
        raise CheckFailed("list frame payload (%d bytes) is not a pickle of a list of "
                          "integers: %s: %s" % (len(payload), type(exc).__name__, exc))
    if type(value) is not list:
        raise CheckFailed("list frame decodes to a %s, not a list: %r"
                          % (type(value).__name__, _short(value)))
    for item in value:
        if type(item) is not int:
            raise CheckFailed("list frame holds a non-integer %s: %r"
                              % (type(item).__name__, _short(item)))
    return value


def _short(obj, limit=60):
    text = repr(obj)
    return text if len(text) <= limit else text[:limit] + "..."


def frame(payload):
    """Frame one payload (bytes or str, str is encoded as UTF-8)."""
    if not isinstance(payload, bytes):
        payload = payload.encode("utf-8")
    return struct.pack(">I", len(payload)) + payload


def frames(payloads):
    return b"".join(frame(p) for p in payloads)


class Config(object):
    def __init__(self, args):
        self.host = args.host
        self.port = args.port
        self.max_frame = args.max_frame
        self.idle_timeout = args.idle_timeout
        self.expected_list = args.list
        self.skip_idle = args.skip_idle
        self.timeout = args.timeout
        if args.prompt_timeout is not None:
            self.prompt_timeout = args.prompt_timeout
        else:
            self.prompt_timeout = min(2.0, max(0.5, self.idle_timeout / 2.0))


class Conn(object):
    """One client connection with deadline-bounded helpers."""

    def __init__(self, cfg, nodelay=False):
        self.cfg = cfg
        self.timeout = cfg.timeout
        self.connected_at = time.monotonic()
        try:
            self.sock = socket.create_connection((cfg.host, cfg.port), timeout=self.timeout)
        except socket.timeout:
            raise CheckFailed("timed out connecting to %s:%d" % (cfg.host, cfg.port))
        except OSError as exc:
            raise CheckFailed("cannot connect to %s:%d: %s" % (cfg.host, cfg.port, exc))
        self.connected_at = time.monotonic()
        if nodelay:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def abort(self):
        """Close with SO_LINGER 0, so the kernel sends a reset instead of a FIN."""
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        finally:
            self.close()

    def shutdown_write(self):
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError as exc:
            raise CheckFailed("could not shut down the write side: %s" % exc)

    # -- reading

    def recv_exact(self, count, what):
        buf = bytearray()
        deadline = time.monotonic() + self.timeout
        while len(buf) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CheckFailed("timed out after %.1fs waiting for %s (%d of %d bytes)"
                                  % (self.timeout, what, len(buf), count))
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(min(count - len(buf), 65536))
            except socket.timeout:
                continue
            except OSError as exc:
                raise CheckFailed("connection error while reading %s (%d of %d bytes): %s"
                                  % (what, len(buf), count, exc))
            if not chunk:
                raise CheckFailed("server closed the connection while reading %s "
                                  "(%d of %d bytes)" % (what, len(buf), count))
            buf += chunk
        self.sock.settimeout(self.timeout)
        return bytes(buf)

    def read_list_frame(self):
        """Read the list frame and check it decodes to the expected list."""
        head = self.recv_exact(4, "the list frame's length prefix")
        (length,) = struct.unpack(">I", head)
        if length > self.cfg.max_frame:
            raise CheckFailed("list frame announces %d bytes, over the maximum frame "
                              "length %d" % (length, self.cfg.max_frame))
        payload = self.recv_exact(length, "the list frame's payload")
        value = decode_list_payload(payload)
        if value != self.cfg.expected_list:
            raise CheckFailed("list frame decodes to %s, expected %s"
                              % (_short(value), _short(self.cfg.expected_list)))
        return value

    def assert_open(self, wait, when):
        """Fail if, within `wait` seconds, the server closes, resets or sends anything."""
        readable, _, _ = select.select([self.sock], [], [], wait)
        if not readable:
            return
        try:
            data = self.sock.recv(64, socket.MSG_PEEK)
        except OSError as exc:
            raise CheckFailed("server reset the connection %s: %s" % (when, exc))
        if not data:
            raise CheckFailed("server closed the connection %s" % when)
        raise CheckFailed("server sent unexpected bytes %s: %r" % (when, data))

    def wait_close(self, timeout, allow_reset, after):
        """Wait until the server ends the connection; return the seconds waited.

        End-of-stream always counts; a reset counts only when allow_reset. Any byte the
        server sends meanwhile is a failure: the server sends exactly one frame.
        """
        start = time.monotonic()
        deadline = start + timeout
        extra = bytearray()
        kind = None
        while kind is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CheckFailed("server did not close the connection within %.1fs %s"
                                  % (timeout, after))
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError as exc:
                kind = "reset (%s)" % exc
                if not allow_reset:
                    raise CheckFailed("server reset the connection %s instead of closing it "
                                      "cleanly: %s" % (after, exc))
                break
            if not chunk:
                kind = "eof"
            else:
                extra += chunk
        elapsed = time.monotonic() - start
        self.sock.settimeout(self.timeout)
        if extra:
            raise CheckFailed("server sent %d unexpected bytes after the list frame (%s): %r"
                              % (len(extra), after, bytes(extra[:40])))
        return elapsed

    # -- writing

    def send(self, data, what):
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise CheckFailed("timed out sending %s" % what)
        except OSError as exc:
            raise CheckFailed("could not send %s (did the server close early?): %s"
                              % (what, exc))


def send_lines_and_expect_close(conn, lines, nine_check=0.2):
    """Send the line frames one per send; check the server stays open before the tenth
    (when nine_check > 0) and closes cleanly after it."""
    for index, line in enumerate(lines):
        conn.send(frame(line), "line frame %d" % (index + 1))
        if index == len(lines) - 2 and nine_check > 0:
            conn.assert_open(nine_check, "after only %d of %d lines" % (index + 1, len(lines)))
    conn.wait_close(conn.cfg.timeout, allow_reset=False, after="after the tenth line")


def normal_session(cfg, after_list=None):
    """A reference-client session; raises CheckFailed if it does not complete.

    after_list, if given, is called once the list frame has been received.
    """
    with Conn(cfg) as conn:
        conn.read_list_frame()
        if after_list is not None:
            after_list()
        for index, line in enumerate(HEY_LINES):
            conn.send(frame(line), "line frame %d" % (index + 1))
        conn.wait_close(cfg.timeout, allow_reset=False, after="after the tenth line")


def expect_healthy(cfg, after):
    try:
        normal_session(cfg)
    except CheckFailed as exc:
        raise CheckFailed("server unhealthy after %s: a fresh normal session failed: %s"
                          % (after, exc))


# --------------------------------------------------------------------------- checks


def check_normal_session(cfg):
    with Conn(cfg) as conn:
        conn.read_list_frame()
        conn.assert_open(0.3, "right after the list frame (it must send exactly one frame)")
        send_lines_and_expect_close(conn, HEY_LINES)


def check_line_endings_and_empty_line(cfg):
    lines = [
        "Hey. 0\n",
        "Hey. 1\r\n",
        "",
        "\n",
        "\r\n",
        u"h\u00e9llo w\u00f6rld \u2713 \U0001F600",
        "Hey. 6",
        "Hey. 7\n",
        "",
        "Hey. 9\r\n",
    ]
    with Conn(cfg) as conn:
        conn.read_list_frame()
        send_lines_and_expect_close(conn, lines)


def check_byte_by_byte(cfg):
    data = frames(HEY_LINES)
    with Conn(cfg, nodelay=True) as conn:
        conn.read_list_frame()
        for index in range(len(data)):
            if index == len(data) - 1:
                conn.assert_open(0.1, "before the last byte of the tenth frame")
            conn.send(data[index:index + 1], "byte %d of %d" % (index + 1, len(data)))
            time.sleep(0.001)
        conn.wait_close(cfg.timeout, allow_reset=False, after="after the tenth line")


def check_all_in_one_send(cfg):
    with Conn(cfg) as conn:
        conn.read_list_frame()
        conn.send(frames(HEY_LINES), "ten frames in one send")
        conn.wait_close(cfg.timeout, allow_reset=False, after="after the tenth line")


def check_extra_bytes_after_tenth(cfg):
    garbage = frame("Hey. 10") + b"garbage \x00\xff\xfe" + struct.pack(">I", 0xFFFFFFFF)
    with Conn(cfg) as conn:
        conn.read_list_frame()
        conn.send(frames(HEY_LINES) + garbage, "ten frames plus extra bytes in one send")
        # The server ignores (does not read) the extra bytes, so its close may be a reset.
        conn.wait_close(cfg.timeout, allow_reset=True, after="after the tenth line")
    expect_healthy(cfg, "extra bytes after the tenth frame")


def check_client_half_close(cfg):
    with Conn(cfg) as conn:
        conn.read_list_frame()
        for index, line in enumerate(HEY_LINES):
            conn.send(frame(line), "line frame %d" % (index + 1))
        conn.shutdown_write()
        conn.wait_close(cfg.timeout, allow_reset=False,
                        after="after ten lines and the client's end of stream")
    expect_healthy(cfg, "a client that closed right after its ten lines")


def make_oversize_prefix_check(value):
    def check(cfg):
        with Conn(cfg) as conn:
            conn.read_list_frame()
            conn.send(struct.pack(">I", value), "the length prefix 0x%08X" % value)
            elapsed = conn.wait_close(cfg.prompt_timeout, allow_reset=True,
                                      after="after a length prefix of %d (0x%08X) with "
                                            "no payload" % (value, value))
        expect_healthy(cfg, "a length prefix of 0x%08X (closed in %.2fs)" % (value, elapsed))
    return check


def make_hostile_bytes_check(data, description, valid_line_first=False):
    def check(cfg):
        with Conn(cfg) as conn:
            conn.read_list_frame()
            if valid_line_first:
                conn.send(frame(HEY_LINES[0]), "line frame 1")
            conn.send(data, description)
            elapsed = conn.wait_close(cfg.prompt_timeout, allow_reset=True,
                                      after="after %s" % description)
        expect_healthy(cfg, "%s (closed in %.2fs)" % (description, elapsed))
    return check


def make_random_bytes_check():
    def check(cfg):
        rng = random.Random(2727)
        data = bytearray(rng.getrandbits(8) for _ in range(4096))
        # Make the first four bytes announce an oversize frame, so the expected reaction
        # (close at once) is deterministic.
        if cfg.max_frame < 0x80000000:
            data[0] |= 0x80
        else:
            data[0:4] = b"\xff\xff\xff\xff"
        return make_hostile_bytes_check(bytes(data), "4 KiB of random bytes")(cfg)
    return check


def check_eof_mid_frame(cfg):
    with Conn(cfg) as conn:
        conn.read_list_frame()
        conn.send(frame(HEY_LINES[0]), "line frame 1")
        conn.send(struct.pack(">I", 10) + b"Hey", "a frame announcing 10 bytes with only 3")
        conn.shutdown_write()
        elapsed = conn.wait_close(cfg.prompt_timeout, allow_reset=True,
                                  after="after end of stream in the middle of a frame")
    expect_healthy(cfg, "end of stream in the middle of a frame (closed in %.2fs)" % elapsed)


def check_reset_mid_frame(cfg):
    conn = Conn(cfg)
    try:
        conn.read_list_frame()
        conn.send(frame(HEY_LINES[0]), "line frame 1")
        conn.send(struct.pack(">I", 10) + b"Hey", "a frame announcing 10 bytes with only 3")
        time.sleep(0.05)
    finally:
        conn.abort()
    time.sleep(0.05)
    expect_healthy(cfg, "a reset in the middle of a frame")


def check_incomplete_session(cfg):
    with Conn(cfg) as conn:
        conn.read_list_frame()
        for index, line in enumerate(HEY_LINES[:3]):
            conn.send(frame(line), "line frame %d" % (index + 1))
    time.sleep(0.05)
    expect_healthy(cfg, "a client that closed after 3 of 10 lines")


def check_idle_timeout(cfg):
    idle = cfg.idle_timeout
    with Conn(cfg) as conn:
        conn.read_list_frame()
        already = time.monotonic() - conn.connected_at
        conn.wait_close(max(0.1, idle + 5.0 - already), allow_reset=True,
                        after="of connecting while the client sent nothing (idle timeout "
                              "%.1fs)" % idle)
        elapsed = time.monotonic() - conn.connected_at
    if elapsed < idle - 1.0:
        raise CheckFailed("server closed an idle connection after %.2fs, before the idle "
                          "timeout of %.1fs" % (elapsed, idle))


def check_idle_client_does_not_block(cfg):
    with Conn(cfg) as idle_conn:
        idle_conn.read_list_frame()
        start = time.monotonic()
        try:
            normal_session(cfg)
        except CheckFailed as exc:
            raise CheckFailed("a normal session failed while another client was connected "
                              "and idle: %s" % exc)
        took = time.monotonic() - start
        if took > cfg.prompt_timeout:
            raise CheckFailed("a normal session took %.2fs while another client was connected "
                              "and idle: an idle client must not hold up other sessions" % took)
        idle_conn.assert_open(0.0, "of the idle client (after %.2fs) during the other session"
                              % (time.monotonic() - idle_conn.connected_at))


def check_concurrency(cfg):
    """All sessions hold their connection open at the same time: each waits, after its
    list frame, until every session has its list frame, then sends its ten lines."""
    count = CONCURRENT_SESSIONS
    barrier = threading.Barrier(count)
    lock = threading.Lock()
    errors = []
    done = []
    got_list = []
    broken = "not every concurrent session received its list frame while all were open"

    def after_list():
        with lock:
            got_list.append(1)
        try:
            barrier.wait(cfg.timeout)
        except threading.BrokenBarrierError:
            raise CheckFailed(broken)

    def worker():
        try:
            normal_session(cfg, after_list)
            with lock:
                done.append(1)
        except Exception as exc:  # never let a worker die silently
            with lock:
                errors.append(str(exc) if isinstance(exc, CheckFailed)
                              else "%s: %s" % (type(exc).__name__, exc))
            # A worker that failed before the barrier must not leave the others waiting;
            # once every worker has passed it, breaking the barrier affects nobody.
            barrier.abort()

    threads = [threading.Thread(target=worker, name="session-%d" % i) for i in range(count)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    deadline = time.monotonic() + 3 * cfg.timeout + 5
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    with lock:
        ok = len(done)
        listed = len(got_list)
        failures = list(errors)
    hung = count - ok - len(failures)
    if ok != count:
        primary = [e for e in failures if e != broken]
        first = (primary or failures or ["threads still running at the deadline"])[0]
        raise CheckFailed("%d of %d concurrent sessions did not complete (%d failed, %d hung; "
                          "%d had received their list frame); "
                          "first failure: %s"
                          % (count - ok, count, len(failures), hung, listed, first))


def check_max_size_frame(cfg):
    with Conn(cfg) as conn:
        conn.read_list_frame()
        conn.send(frame(b"a" * cfg.max_frame), "a line frame of exactly %d bytes" % cfg.max_frame)
        conn.assert_open(0.3, "after a line frame of exactly max-frame (%d) bytes"
                         % cfg.max_frame)
        send_lines_and_expect_close(conn, HEY_LINES[1:])


# --------------------------------------------------------------------------- driver


HTTP_REQUEST = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"

INVALID_UTF8 = [
    ("invalid_utf8_ff_fe", b"\xff\xfe", "bytes FF FE"),
    ("invalid_utf8_overlong", b"\xc0\xaf", "the overlong sequence C0 AF"),
    ("invalid_utf8_lone_surrogate", b"\xed\xa0\x80", "the encoded lone surrogate ED A0 80"),
    ("invalid_utf8_truncated", b"Hey. \xe2\x82", "a truncated sequence E2 82 at the end"),
    ("invalid_utf8_above_max", b"\xf4\x90\x80\x80", "the code point above U+10FFFF F4 90 80 80"),
]


def build_checks(cfg):
    checks = [
        ("normal_session", check_normal_session),
        ("line_endings_and_empty_line", check_line_endings_and_empty_line),
        ("byte_by_byte", check_byte_by_byte),
        ("all_in_one_send", check_all_in_one_send),
        ("extra_bytes_after_tenth", check_extra_bytes_after_tenth),
        ("client_half_close", check_client_half_close),
    ]
    seen = set()
    for value in (cfg.max_frame + 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF):
        if value in seen:
            continue
        seen.add(value)
        if value > 0xFFFFFFFF or value <= cfg.max_frame:
            print("SKIP oversize_prefix_%d: not over --max-frame %d or not a 32-bit value"
                  % (value, cfg.max_frame), file=sys.stderr)
            continue
        name = ("oversize_prefix_max_plus_1" if value == cfg.max_frame + 1
                else "oversize_prefix_0x%08X" % value)
        checks.append((name, make_oversize_prefix_check(value)))
    for name, payload, description in INVALID_UTF8:
        checks.append((name, make_hostile_bytes_check(
            frame(payload), "a line frame holding %s" % description, valid_line_first=True)))
    checks += [
        ("http_request", make_hostile_bytes_check(HTTP_REQUEST, "a raw HTTP request")),
        ("random_bytes", make_random_bytes_check()),
        ("eof_mid_frame", check_eof_mid_frame),
        ("reset_mid_frame", check_reset_mid_frame),
        ("incomplete_session", check_incomplete_session),
    ]
    if cfg.skip_idle:
        print("SKIP idle_timeout: --skip-idle", file=sys.stderr)
    else:
        checks.append(("idle_timeout", check_idle_timeout))
    checks += [
        ("idle_client_does_not_block_others", check_idle_client_does_not_block),
        ("concurrency_%d" % CONCURRENT_SESSIONS, check_concurrency),
        ("max_size_frame", check_max_size_frame),
    ]
    return checks


def run_checks(cfg, checks):
    passed = failed = 0
    for name, func in checks:
        try:
            func(cfg)
        except CheckFailed as exc:
            failed += 1
            reason = str(exc)
        except Exception as exc:  # a check that raises is a failure, not a crash
            failed += 1
            reason = "unexpected %s: %s" % (type(exc).__name__, exc)
        else:
            passed += 1
            print("PASS %s" % name)
            sys.stdout.flush()
            continue
        print("FAIL %s: %s" % (name, " ".join(reason.split())))
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    sys.stdout.flush()
    return failed


def parse_list(text):
    text = text.strip()
    if text in ("", "[]"):
        return []
    try:
        return [int(part) for part in text.strip("[]").split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("expected integers separated by commas: %r" % text)


def positive_float(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive: %r" % text)
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Black-box conformance checker for a list-lines protocol server "
                    "(framed mode).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--max-frame", type=int, default=DEFAULT_MAX_FRAME,
                        help="the server's maximum frame length (default %(default)s)")
    parser.add_argument("--idle-timeout", type=positive_float, default=DEFAULT_IDLE_TIMEOUT,
                        help="the server's idle timeout in seconds (default %(default)s)")
    parser.add_argument("--list", type=parse_list, default=parse_list(DEFAULT_LIST),
                        help="the list the server sends, comma-separated "
                             "(default %s; write --list=-1,2 for a negative first value)"
                             % DEFAULT_LIST)
    parser.add_argument("--skip-idle", action="store_true", help="skip the idle-timeout check")
    parser.add_argument("--timeout", type=positive_float, default=DEFAULT_TIMEOUT,
                        help="timeout of each socket operation (default %(default)s)")
    parser.add_argument("--prompt-timeout", type=positive_float, default=None,
                        help="how soon the server must close after a protocol error "
                             "(default min(2, max(0.5, idle-timeout / 2)))")
    args = parser.parse_args(argv)
    if args.max_frame < 1:
        parser.error("--max-frame must be at least 1")
    if not 0 < args.port < 65536:
        parser.error("--port must be between 1 and 65535")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    cfg = Config(args)
    socket.setdefaulttimeout(cfg.timeout)  # belt and braces: no socket without a timeout
    failed = run_checks(cfg, build_checks(cfg))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
