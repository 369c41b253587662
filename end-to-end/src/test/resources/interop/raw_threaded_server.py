#!/usr/bin/env python3
"""The article's first server, raw framing: a new thread for every client.

Written for listlines' interop tests from PROTOCOL.md's raw framing and the
article's description; the code is shared with raw_pool_server.py in
raw_server.py (keep the three files together). Run:
  python3 raw_threaded_server.py --port 0 [--ready-file PATH] [--max-clients N] [--lifetime 60]
"""
import raw_server

if __name__ == "__main__":
    raw_server.quit_now(raw_server.main(prog="raw_threaded_server.py", default_workers=0,
                                        description="Raw-framing list-lines server with one thread per client."))
