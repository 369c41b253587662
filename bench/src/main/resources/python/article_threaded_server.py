#!/usr/bin/env python3
"""The article's first server ("Basic Threading in Python", Peyton McCullough): a new thread for
every client, which sends the pickled list, prints what ten recv(1024) calls return, and closes.

The article's program text, changed only as far as Python 3 needs (print(), range for xrange, recv's
bytes decoded for print, undecodable bytes replaced as Python 2's print of a str never failed) and
as far as the bench needs to start it: --host and --port (0: a free one; the article binds every
address on 2727), and "Listening on HOST:PORT" printed once it listens, which is how the bench
learns the port. The rest is the article's: the backlog of 5, no timeouts, every recv printed, and
stopped by SIGTERM. Run: python3 article_threaded_server.py --host 127.0.0.1 --port 0
"""
import argparse
import pickle
import socket
import threading

# The bench's adaptation: where to listen.
arguments = argparse.ArgumentParser ( description = "The article's thread-per-client server." )
arguments.add_argument ( '--host', default = '' )
arguments.add_argument ( '--port', type = int, default = 2727 )
options = arguments.parse_args()

# We'll pickle a list of numbers:
someList = [ 1, 2, 7, 9, 0 ]
pickledList = pickle.dumps ( someList )

# Our thread class:
class ClientThread ( threading.Thread ):

   # Override Thread's __init__ method to accept the parameters needed:
   def __init__ ( self, channel, details ):

      self.channel = channel
      self.details = details
      threading.Thread.__init__ ( self )

   def run ( self ):

      print ( 'Received connection:', self.details [ 0 ] )
      self.channel.send ( pickledList )
      for x in range ( 10 ):
         print ( self.channel.recv ( 1024 ).decode ( 'utf-8', 'replace' ) )
      self.channel.close()
      print ( 'Closed connection:', self.details [ 0 ] )

# Set up the server:
server = socket.socket ( socket.AF_INET, socket.SOCK_STREAM )
server.bind ( ( options.host, options.port ) )
server.listen ( 5 )
print ( 'Listening on %s:%d' % server.getsockname(), flush = True )

# Have the server serve "forever":
while True:
   channel, details = server.accept()
   ClientThread ( channel, details ).start()
