/*
 * minimal_server: the smallest honest server of the list-lines protocol (framed, docs/PROTOCOL.md),
 * used by the bench as a CPU yardstick for the server models: what a session costs when nothing
 * but the protocol runs (no logging, no metrics, no idle timeout, no JVM).
 *
 * One thread, one epoll set, non-blocking sockets. The listening socket is level-triggered and
 * drained with accept4 until EAGAIN; connections are edge-triggered and read until EAGAIN. Each
 * session:
 *   accept -> write the list frame (the 4-byte big-endian length 16, then the protocol-2 pickle of
 *   [1, 2, 7, 9, 0], as io.listlines.protocol.PickledList writes it) -> read ten line frames
 *   (their payloads are skipped, not checked) -> close. Bytes after the tenth frame are ignored.
 * A frame announcing more than 65,536 bytes, end of stream or a reset closes the connection at once.
 * A partial write of the list frame waits for EPOLLOUT.
 *
 * Usage: minimal_server HOST PORT   (PORT 0: an ephemeral port)
 * Prints "Listening on HOST:PORT (minimal C epoll server)" once it listens, as the Java servers do
 * (io.listlines.process.ListeningLine), and nothing else. Exits 0 on SIGTERM or SIGINT, 1 if it
 * cannot listen, 2 on a bad command line.
 *
 * Build: gcc -O2 -o minimal_server minimal_server.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FRAME 65536
#define LINES 10
#define EVENTS 256

/* The list frame: length 16, then \x80\x02](K\x01K\x02K\x07K\x09K\x00e. */
static const uint8_t LIST_FRAME[] = {
    0x00, 0x00, 0x00, 0x10,
    0x80, 0x02, 0x5d, 0x28, 0x4b, 0x01, 0x4b, 0x02, 0x4b, 0x07, 0x4b, 0x09, 0x4b, 0x00, 0x65, 0x2e,
};

/* A connection's state, indexed by its file descriptor. */
struct conn {
    uint8_t open;
    uint8_t header_have;    /* bytes of the current frame's header read so far */
    uint8_t header[4];
    uint8_t lines;          /* line frames read so far */
    uint8_t list_written;   /* bytes of LIST_FRAME written so far */
    uint32_t remaining;     /* payload bytes of the current frame still to come */
};

static struct conn *conns;
static int max_fds;
static int epfd;
static int listener = -1;
static int signals = -1;

static void end(int fd) {
    conns[fd].open = 0;
    close(fd);   /* also removes it from the epoll set */
}

/* Writes what is left of the list frame; returns 0 when it is all out, 1 if it must wait, -1 on error. */
static int write_list(int fd) {
    struct conn *c = &conns[fd];
    while (c->list_written < sizeof LIST_FRAME) {
        ssize_t n = send(fd, LIST_FRAME + c->list_written, sizeof LIST_FRAME - c->list_written, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EAGAIN ? 1 : -1;
        }
        c->list_written += (uint8_t) n;
    }
    return 0;
}

static void accept_all(void) {
    for (;;) {
        int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            /* EAGAIN: drained. EMFILE and the like: the level-triggered listener comes back later. */
            return;
        }
        if (fd >= max_fds) {
            close(fd);
            continue;
        }
        struct conn *c = &conns[fd];
        memset(c, 0, sizeof *c);
        c->open = 1;
        int pending = write_list(fd);
        if (pending < 0) {
            end(fd);
            continue;
        }
        struct epoll_event ev = {
            .events = EPOLLIN | EPOLLRDHUP | EPOLLET | (pending ? EPOLLOUT : 0),
            .data.fd = fd,
        };
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
            end(fd);
        }
    }
}

/* Reads the line frames the socket has; returns once it would block or the connection is closed. */
static void read_lines(int fd) {
    struct conn *c = &conns[fd];
    uint8_t buf[4096];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN) {
                end(fd);   /* reset */
            }
            return;
        }
        if (n == 0) {
            end(fd);       /* end of stream before ten lines */
            return;
        }
        ssize_t i = 0;
        while (i < n) {
            if (c->header_have < 4) {
                c->header[c->header_have++] = buf[i++];
                if (c->header_have < 4) {
                    continue;
                }
                uint32_t length = ((uint32_t) c->header[0] << 24) | ((uint32_t) c->header[1] << 16)
                        | ((uint32_t) c->header[2] << 8) | c->header[3];
                if (length > MAX_FRAME) {
                    end(fd);
                    return;
                }
                c->remaining = length;
            } else {
                uint32_t take = (uint32_t) (n - i) < c->remaining ? (uint32_t) (n - i) : c->remaining;
                c->remaining -= take;
                i += take;
            }
            if (c->remaining == 0) {
                c->header_have = 0;
                if (++c->lines == LINES) {
                    end(fd);   /* the tenth line: the server closes first; anything after it is ignored */
                    return;
                }
            }
        }
    }
}

static void on_event(int fd, uint32_t events) {
    if (!conns[fd].open) {
        return;
    }
    if (events & EPOLLOUT && conns[fd].list_written < sizeof LIST_FRAME) {
        int pending = write_list(fd);
        if (pending < 0) {
            end(fd);
            return;
        }
        if (pending == 0) {
            struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = fd};
            epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
        }
    }
    /* EPOLLIN, EPOLLRDHUP, EPOLLHUP, EPOLLERR: read says which (data, end of stream, or an error) */
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        read_lines(fd);
    }
}

static int listen_on(const char *host, const char *port) {
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *found;
    int status = getaddrinfo(host, port, &hints, &found);
    if (status != 0) {
        fprintf(stderr, "minimal_server: %s:%s: %s\n", host, port, gai_strerror(status));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *a = found; a != NULL && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 || listen(fd, SOMAXCONN) < 0) {
            perror("minimal_server: bind/listen");
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(found);
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 2;
    }
    char *rest;
    long port = strtol(argv[2], &rest, 10);
    if (*argv[2] == '\0' || *rest != '\0' || port < 0 || port > 65535) {
        fprintf(stderr, "%s: PORT must be a number from 0 to 65535\n", argv[0]);
        return 2;
    }

    /* SIGTERM and SIGINT arrive through a signalfd in the epoll set: no race with epoll_wait */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    if (sigprocmask(SIG_BLOCK, &stop, NULL) < 0 || (signals = signalfd(-1, &stop, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
        perror("minimal_server: signalfd");
        return 1;
    }

    struct rlimit files;
    max_fds = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY && files.rlim_cur < (1 << 24)
            ? (int) files.rlim_cur
            : 1 << 20;
    conns = calloc((size_t) max_fds, sizeof *conns);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (conns == NULL || epfd < 0) {
        perror("minimal_server: setup");
        return 1;
    }
    listener = listen_on(argv[1], argv[2]);
    if (listener < 0) {
        return 1;
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener};
    struct epoll_event sev = {.events = EPOLLIN, .data.fd = signals};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &ev) < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, signals, &sev) < 0) {
        perror("minimal_server: epoll_ctl");
        return 1;
    }

    struct sockaddr_storage bound;
    socklen_t bound_length = sizeof bound;
    char address[INET6_ADDRSTRLEN] = "?";
    int bound_port = 0;
    if (getsockname(listener, (struct sockaddr *) &bound, &bound_length) == 0) {
        if (bound.ss_family == AF_INET6) {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *) &bound;
            inet_ntop(AF_INET6, &a->sin6_addr, address, sizeof address);
            bound_port = ntohs(a->sin6_port);
        } else {
            struct sockaddr_in *a = (struct sockaddr_in *) &bound;
            inet_ntop(AF_INET, &a->sin_addr, address, sizeof address);
            bound_port = ntohs(a->sin_port);
        }
    }
    printf("Listening on %s:%d (minimal C epoll server)\n", address, bound_port);
    fflush(stdout);

    struct epoll_event events[EVENTS];
    for (;;) {
        int n = epoll_wait(epfd, events, EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            perror("minimal_server: epoll_wait");
            return 1;
        }
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == signals) {
                return 0;   /* the kernel closes every socket */
            }
            if (fd == listener) {
                accept_all();
            } else {
                on_event(fd, events[i].events);
            }
        }
    }
}
