#!/usr/bin/env python3
"""The article's server on an event loop: the same session as article_threaded_server.py (send the
pickled list, print what ten reads of up to 1024 bytes return, close), written for the bench with
asyncio, so that the event loop runs in the article's own language beside its threads. One thread
serves every client; a client waiting for its next line costs a coroutine, not a thread.

Not the article's code. It listens with asyncio's default backlog (100), not the article's 5: it is
meant as Python's event loop at its plain best, not as a copy. It prints "Listening on HOST:PORT"
once it listens, and stops on SIGTERM, as the article's servers do in the bench.
Run: python3 asyncio_server.py --host 127.0.0.1 --port 0
"""
import argparse
import asyncio
import pickle

pickledList = pickle.dumps([1, 2, 7, 9, 0])


async def serve(reader, writer):
    details = writer.get_extra_info('peername')
    print('Received connection:', details[0])
    writer.write(pickledList)
    for x in range(10):
        print((await reader.read(1024)).decode('utf-8', 'replace'))
    writer.close()
    print('Closed connection:', details[0])


async def main(host, port):
    server = await asyncio.start_server(serve, host, port)
    print('Listening on %s:%d' % server.sockets[0].getsockname()[:2], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == '__main__':
    arguments = argparse.ArgumentParser(description="A raw-framing list-lines server on asyncio's event loop.")
    arguments.add_argument('--host', default='')
    arguments.add_argument('--port', type=int, default=2727)
    options = arguments.parse_args()
    asyncio.run(main(options.host, options.port))
