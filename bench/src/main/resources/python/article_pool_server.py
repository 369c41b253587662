#!/usr/bin/env python3
"""The article's second server ("Basic Threading in Python", Peyton McCullough): the main thread
accepts clients into a Queue, and a pool of two threads takes them out one at a time, each sending
the pickled list, printing what ten recv(1024) calls return, and closing. A client accepted while
both threads are busy waits in the queue.

The article's program text, changed only as far as Python 3 needs (print(), range for xrange, the
module queue for Queue, recv's bytes decoded for print, undecodable bytes replaced as Python 2's
print of a str never failed) and as far as the bench needs to start it: --host and --port (0: a
free one; the article binds every address on 2727), and "Listening on HOST:PORT" printed once it
listens, which is how the bench learns the port. The rest is the article's: two threads, the
backlog of 5, no timeouts, every recv printed, and stopped by SIGTERM.
Run: python3 article_pool_server.py --host 127.0.0.1 --port 0
"""
import argparse
import pickle
import queue
import socket
import threading

# The bench's adaptation: where to listen.
arguments = argparse.ArgumentParser ( description = "The article's server with a pool of two threads." )
arguments.add_argument ( '--host', default = '' )
arguments.add_argument ( '--port', type = int, default = 2727 )
options = arguments.parse_args()

# We'll pickle a list of numbers, yet again:
someList = [ 1, 2, 7, 9, 0 ]
pickledList = pickle.dumps ( someList )

# A revised version of our thread class:
class ClientThread ( threading.Thread ):

   # Note that we do not override Thread's __init__ method.
   # The Queue module makes this not necessary.

   def run ( self ):

      # Have our thread serve "forever":
      while True:

         # Get a client out of the queue
         client = clientPool.get()

         # Check if we actually have an actual client in the client variable:
         if client != None:

            print ( 'Received connection:', client [ 1 ] [ 0 ] )
            client [ 0 ].send ( pickledList )
            for x in range ( 10 ):
               print ( client [ 0 ].recv ( 1024 ).decode ( 'utf-8', 'replace' ) )
            client [ 0 ].close()
            print ( 'Closed connection:', client [ 1 ] [ 0 ] )

# Create our Queue:
clientPool = queue.Queue ( 0 )

# Start two threads:
for x in range ( 2 ):
   ClientThread().start()

# Set up the server:
server = socket.socket ( socket.AF_INET, socket.SOCK_STREAM )
server.bind ( ( options.host, options.port ) )
server.listen ( 5 )
print ( 'Listening on %s:%d' % server.getsockname(), flush = True )

# Have the server serve "forever":
while True:
   clientPool.put ( server.accept() )
