#!/usr/bin/env python3
"""The article's second server, raw framing: a queue.Queue and a fixed pool of
worker threads (--workers, default 2) serving clients one at a time each.

Written for listlines' interop tests from PROTOCOL.md's raw framing and the
article's description; the code is shared with raw_threaded_server.py in
raw_server.py (keep the three files together). Run:
  python3 raw_pool_server.py --port 0 [--workers 2] [--ready-file PATH] [--max-clients N] [--lifetime 60]
"""
import raw_server

if __name__ == "__main__":
    raw_server.quit_now(raw_server.main(prog="raw_pool_server.py", default_workers=2,
                                        description="Raw-framing list-lines server with a queue and a fixed pool of worker threads."))
