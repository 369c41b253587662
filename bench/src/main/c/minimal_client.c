/*
 * minimal_client: the smallest honest load generator for the list-lines protocol (framed), used
 * by the bench as a yardstick for the Java load generator (netty-client load).
 *
 * One thread, one epoll set, non-blocking sockets. It keeps CONCURRENCY sessions in flight until
 * SESSIONS have ended; each session:
 *   connect -> read the list frame (4-byte big-endian length, then the pickle) -> check it
 *   (length from 2 to 65,536, payload ending with the pickle STOP opcode '.') -> write the ten
 *   line frames "Hey. 0".."Hey. 9" in one write -> wait for the server's end of stream -> close.
 * A session that sees anything else (refused, reset, a bad frame, end of stream too early, no
 * progress within TIMEOUT seconds) counts as failed.
 *
 * Usage: minimal_client HOST PORT SESSIONS CONCURRENCY [TIMEOUT_SECONDS]
 * Prints one line of JSON: {"completed":N,"failed":N,"elapsedSeconds":X,"sessionsPerSecond":X}
 * The time runs from the first connect to the last session's end. Exit 0 when every session
 * ended (failed ones included), 1 if none completed, 2 on a bad command line.
 *
 * Build: gcc -O2 -o minimal_client minimal_client.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAME 65536
#define LINES 10

enum state { FREE, READING_LIST, WAITING_EOF };

struct conn {
    int fd;
    enum state state;
    uint32_t have;      /* bytes of the list frame read so far (header included) */
    uint32_t length;    /* payload length, once the header is in */
    uint8_t header[4];
    uint8_t last;       /* last payload byte seen */
    double deadline;    /* seconds (monotonic) by which the next thing must happen */
};

static struct conn *conns;
static int concurrency;
static long sessions, started, completed, failed;
static int epfd;
static struct sockaddr_in target;
static double timeout_seconds = 10;
static char lines[LINES * 16];
static size_t lines_length;
static double first_start, last_end;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void start(struct conn *c);

/* Ends the session on this slot and starts the next one there, while sessions remain. */
static void finish(struct conn *c, int ok) {
    close(c->fd);   /* also removes it from the epoll set */
    c->fd = -1;
    c->state = FREE;
    if (ok) {
        completed++;
    } else {
        failed++;
    }
    last_end = now();
    if (started < sessions) {
        start(c);
    }
}

static void start(struct conn *c) {
    for (;;) {
        started++;
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            perror("socket");
            exit(1);
        }
        if (connect(fd, (struct sockaddr *) &target, sizeof target) < 0 && errno != EINPROGRESS) {
            close(fd);
            failed++;
            last_end = now();
            if (started < sessions) {
                continue;
            }
            return;
        }
        c->fd = fd;
        c->state = READING_LIST;
        c->have = 0;
        c->length = 0;
        c->deadline = now() + timeout_seconds;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.ptr = c};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
            perror("epoll_ctl");
            exit(1);
        }
        return;
    }
}

/* Reads what the socket has; returns once it would block or the session has ended. */
static void on_readable(struct conn *c) {
    uint8_t buf[4096];
    for (;;) {
        ssize_t n = read(c->fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EAGAIN) {
                return;
            }
            if (errno == EINTR) {
                continue;
            }
            finish(c, 0);   /* refused, reset */
            return;
        }
        if (n == 0) {
            finish(c, c->state == WAITING_EOF);
            return;
        }
        if (c->state != READING_LIST) {
            continue;       /* bytes after the list: ignored */
        }
        ssize_t i = 0;
        while (i < n && c->have < 4) {
            c->header[c->have++] = buf[i++];
            if (c->have == 4) {
                c->length = ((uint32_t) c->header[0] << 24) | ((uint32_t) c->header[1] << 16)
                        | ((uint32_t) c->header[2] << 8) | c->header[3];
                if (c->length < 2 || c->length > MAX_FRAME) {
                    finish(c, 0);
                    return;
                }
            }
        }
        if (i < n && c->have >= 4) {
            uint32_t want = 4 + c->length - c->have;
            uint32_t take = (uint32_t) (n - i) < want ? (uint32_t) (n - i) : want;
            c->have += take;
            c->last = buf[i + take - 1];
            if (c->have == 4 + c->length) {
                if (c->last != '.') {
                    finish(c, 0);
                    return;
                }
                ssize_t w = write(c->fd, lines, lines_length);
                if (w != (ssize_t) lines_length) {
                    /* 100 bytes into an empty socket buffer: a short write means trouble */
                    finish(c, 0);
                    return;
                }
                c->state = WAITING_EOF;
                c->deadline = now() + timeout_seconds;
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 5 || argc > 6) {
        fprintf(stderr, "usage: %s HOST PORT SESSIONS CONCURRENCY [TIMEOUT_SECONDS]\n", argv[0]);
        return 2;
    }
    memset(&target, 0, sizeof target);
    target.sin_family = AF_INET;
    target.sin_port = htons((uint16_t) atoi(argv[2]));
    sessions = atol(argv[3]);
    concurrency = atoi(argv[4]);
    if (argc == 6) {
        timeout_seconds = atof(argv[5]);
    }
    if (inet_pton(AF_INET, argv[1], &target.sin_addr) != 1 || sessions <= 0 || concurrency <= 0
            || timeout_seconds <= 0 || atoi(argv[2]) <= 0 || atoi(argv[2]) > 65535) {
        fprintf(stderr, "%s: HOST must be an IPv4 address, PORT, SESSIONS, CONCURRENCY and TIMEOUT positive\n", argv[0]);
        return 2;
    }
    if (concurrency > sessions) {
        concurrency = (int) sessions;
    }
    for (int i = 0; i < LINES; i++) {
        char line[16];
        int len = snprintf(line, sizeof line, "Hey. %d", i);
        lines[lines_length++] = 0;
        lines[lines_length++] = 0;
        lines[lines_length++] = 0;
        lines[lines_length++] = (char) len;
        memcpy(lines + lines_length, line, (size_t) len);
        lines_length += (size_t) len;
    }
    conns = calloc((size_t) concurrency, sizeof *conns);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (conns == NULL || epfd < 0) {
        perror("setup");
        return 1;
    }
    struct epoll_event *events = calloc((size_t) concurrency, sizeof *events);

    first_start = last_end = now();
    for (int i = 0; i < concurrency; i++) {
        conns[i].fd = -1;
        start(&conns[i]);
    }
    double next_sweep = now() + 0.1;
    while (completed + failed < sessions) {
        int n = epoll_wait(epfd, events, concurrency, 100);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("epoll_wait");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (c->state != FREE) {
                on_readable(c);
            }
        }
        double t = now();
        if (t >= next_sweep) {
            /* a session that made no progress within the timeout fails */
            for (int i = 0; i < concurrency; i++) {
                if (conns[i].state != FREE && t > conns[i].deadline) {
                    finish(&conns[i], 0);
                }
            }
            next_sweep = t + 0.1;
        }
    }
    double elapsed = last_end - first_start;
    printf("{\"completed\":%ld,\"failed\":%ld,\"elapsedSeconds\":%.3f,\"sessionsPerSecond\":%.3f}\n",
            completed, failed, elapsed, elapsed > 0 ? completed / elapsed : 0.0);
    return completed > 0 ? 0 : 1;
}
