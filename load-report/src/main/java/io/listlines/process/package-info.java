/**
 * What a Linux process can learn of itself or of another without Netty: its open-file limit, its
 * RSS and threads from /proc, and the line a listlines server prints once it listens. Shared by
 * the client and the bench.
 */
package io.listlines.process;
