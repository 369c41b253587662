#!/usr/bin/env python3
"""Raw-framing list-lines servers as the article describes them (Python 3,
standard library only): the common code of raw_threaded_server.py (a thread
per client, the article's first server) and raw_pool_server.py (a queue and a
fixed pool of worker threads, its second).

Written for listlines' interop tests from PROTOCOL.md's "Raw framing" section
and the behaviour described in the article "Basic Threading in Python". It is
an independent implementation, not the article's code.

With --workers 0 every accepted client gets a daemon thread of its own. With
--workers N the main thread only accepts connections and puts each (socket,
address) pair into a queue.Queue; exactly N daemon threads take pairs from the
queue and serve them one at a time, and clients accepted while every worker is
busy wait in the queue. Each session:
  * prints ``Received connection: ADDR`` (ADDR is ``ip:port`` of the peer);
  * sends ``pickle.dumps(the_list, protocol=2)`` (raw, no framing);
  * makes exactly ten ``recv(1024)`` calls, as the article does (a call that
    returns end-of-stream still counts, so a client that writes its ten lines
    and closes lets the loop finish), printing every received text line on a
    line of its own (UTF-8, undecodable bytes replaced; the trailing newline,
    or CR LF, is not printed; an unterminated last fragment is printed too);
  * closes the client socket and prints ``Closed connection: ADDR``.
A connection error or an idle timeout ends only that connection, with one
line on stderr. Everything printed is flushed at once.

After binding (SO_REUSEADDR) the server prints ``Listening on HOST:PORT``
with the real port, and with --ready-file writes the port number (digits, no
newline) to that file via a temporary file and a rename. It stops with exit
status 0 on SIGTERM/SIGINT, after --max-clients clients have been fully
served (it accepts no more than that many), or after --lifetime seconds.

Run (or through the two wrappers, which set --workers' default):
  python3 raw_server.py --port 0 [--host 127.0.0.1] [--workers 2]
      [--list 1,2,7,9,0] [--ready-file PATH] [--max-clients N]
      [--lifetime 60] [--idle-timeout 30]

--port 0 picks a free port. --lifetime 0 and --idle-timeout 0 disable them.
"""

import argparse
import codecs
import os
import pickle
import queue
import signal
import socket
import sys
import threading
import time

RECV_CALLS = 10
RECV_SIZE = 1024
POLL_SECONDS = 0.1

_print_lock = threading.Lock()


def _print_line(stream, text):
    """Print one line and flush, without interleaving between threads."""
    with _print_lock:
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass


def out(text):
    _print_line(sys.stdout, text)


def err(text):
    _print_line(sys.stderr, text)


def quit_now(status):
    """Exit at once, after flushing, without waiting for the daemon threads."""
    with _print_lock:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)


def format_address(address):
    host, port = address[0], address[1]
    if ":" in host:
        return "[%s]:%d" % (host, port)
    return "%s:%d" % (host, port)


def parse_list(text):
    text = text.strip()
    if not text:
        return []
    try:
        return [int(part.strip()) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("--list must be comma-separated integers, e.g. 1,2,7,9,0")


def write_ready_file(path, port):
    """Write the port so that a reader never sees a partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(directory, ".%s.%d.tmp" % (os.path.basename(path), os.getpid()))
    with open(temp, "w") as handle:
        handle.write(str(port))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def open_listener(host, port):
    infos = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0,
                               socket.AI_PASSIVE)
    family, socktype, proto, _, sockaddr = infos[0]
    listener = socket.socket(family, socktype, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(sockaddr)
        listener.listen(50)
    except BaseException:
        listener.close()
        raise
    return listener


class Tally(object):
    """Counts clients that have been fully served."""

    def __init__(self):
        self._lock = threading.Lock()
        self._served = 0

    def served_one(self):
        with self._lock:
            self._served += 1

    def served(self):
        with self._lock:
            return self._served


def serve_client(conn, address, payload, idle_timeout):
    """One session: send the pickle, make ten recv calls, print the lines, close."""
    name = format_address(address)
    out("Received connection: %s" % name)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    try:
        conn.settimeout(idle_timeout if idle_timeout > 0 else None)
        conn.sendall(payload)
        for _ in range(RECV_CALLS):
            data = conn.recv(RECV_SIZE)
            pending += decoder.decode(data)
            lines = pending.split("\n")
            pending = lines.pop()
            for line in lines:
                out(line[:-1] if line.endswith("\r") else line)
    except socket.timeout:
        err("Connection %s: idle for more than %s s, closing" % (name, idle_timeout))
    except OSError as exc:
        err("Connection %s: %s" % (name, exc))
    finally:
        pending += decoder.decode(b"", final=True)
        if pending:
            out(pending[:-1] if pending.endswith("\r") else pending)
        try:
            conn.close()
        except OSError:
            pass
        out("Closed connection: %s" % name)


def pool_worker(client_queue, payload, idle_timeout, tally):
    """Serve (socket, address) pairs from the queue, one after another, forever."""
    while True:
        conn, address = client_queue.get()
        try:
            serve_client(conn, address, payload, idle_timeout)
        except Exception as exc:  # never let one client kill a pool thread
            err("Connection %s: unexpected error: %r" % (format_address(address), exc))
        finally:
            tally.served_one()
            client_queue.task_done()


def serve_in_own_thread(conn, address, payload, idle_timeout, tally):
    """The article's first server: a new thread for this one client."""
    def run():
        try:
            serve_client(conn, address, payload, idle_timeout)
        finally:
            tally.served_one()
    worker = threading.Thread(target=run, name="client-%s" % format_address(address))
    worker.daemon = True
    worker.start()


def parse_args(argv, prog, default_workers, description):
    parser = argparse.ArgumentParser(prog=prog, description=description)
    add_common_arguments(parser)
    parser.add_argument("--workers", type=int, default=default_workers,
                        help="worker threads fed by a queue; 0 for a thread per client (default %d)" % default_workers)
    args = parser.parse_args(argv)
    if args.workers < 0:
        parser.error("--workers must be 0 or more")
    return args


def add_common_arguments(parser):
    parser.add_argument("--port", type=int, default=2727,
                        help="port to listen on, 0 for any free port (default 2727)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--list", type=parse_list, default=[1, 2, 7, 9, 0], dest="the_list",
                        help="comma-separated integers to send (default 1,2,7,9,0)")
    parser.add_argument("--ready-file", help="write the bound port number to this file")
    parser.add_argument("--max-clients", type=int, default=0,
                        help="exit 0 after this many clients were fully served (default unlimited)")
    parser.add_argument("--lifetime", type=float, default=60.0,
                        help="exit 0 after this many seconds whatever happens (default 60, 0 = never)")
    parser.add_argument("--idle-timeout", type=float, default=30.0,
                        help="close a connection idle this many seconds (default 30, 0 = never)")


def main(argv=None, prog="raw_server.py", default_workers=2,
         description="Raw-framing list-lines server: a thread per client, or a queue and a pool."):
    args = parse_args(argv, prog, default_workers, description)
    started = time.monotonic()
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    payload = pickle.dumps(args.the_list, protocol=2)
    deadline = started + args.lifetime if args.lifetime > 0 else None
    max_clients = args.max_clients if args.max_clients > 0 else None

    try:
        listener = open_listener(args.host, args.port)
    except OSError as exc:
        err("Cannot listen on %s:%d: %s" % (args.host, args.port, exc))
        return 1
    bound = listener.getsockname()
    out("Listening on %s" % format_address(bound))
    if args.ready_file:
        write_ready_file(args.ready_file, bound[1])

    def time_is_up():
        return deadline is not None and time.monotonic() >= deadline

    tally = Tally()
    client_queue = queue.Queue()
    for number in range(args.workers):
        worker = threading.Thread(
            target=pool_worker,
            args=(client_queue, payload, args.idle_timeout, tally),
            name="worker-%d" % (number + 1),
        )
        worker.daemon = True
        worker.start()

    accepted = 0
    listener.settimeout(POLL_SECONDS)
    try:
        while not stop.is_set() and not time_is_up():
            if max_clients is not None and accepted >= max_clients:
                break
            try:
                conn, address = listener.accept()
            except socket.timeout:
                continue
            except OSError as exc:
                err("accept failed: %s" % exc)
                time.sleep(POLL_SECONDS)
                continue
            accepted += 1
            if args.workers == 0:
                serve_in_own_thread(conn, address, payload, args.idle_timeout, tally)
            else:
                client_queue.put((conn, address))
    finally:
        listener.close()

    # With --max-clients, wait until the last accepted client is fully served.
    if max_clients is not None:
        while not stop.is_set() and not time_is_up() and tally.served() < accepted:
            time.sleep(POLL_SECONDS / 2)
    if time_is_up() and not stop.is_set():
        err("Lifetime of %s s reached, exiting" % args.lifetime)
    return 0


if __name__ == "__main__":
    quit_now(main())
