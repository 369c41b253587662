package io.listlines.threaded;

import io.listlines.core.ModelLabels;
import io.listlines.core.ServerConfig;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The article's second server: a fixed pool of threads taking accepted clients from a queue. With
 * every thread busy, new clients wait in the queue (the doctor's waiting room) before they even
 * receive the list.
 */
final class PoolServer extends BlockingServer {
    private final BlockingQueue<Socket> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final int threads;

    PoolServer(ServerConfig config, int threads) {
        super(config, ModelLabels.pool(threads));
        this.threads = threads;
        for (int i = 1; i <= threads; i++) {
            workers.add(Thread.ofPlatform().name("worker-" + i).daemon(true).start(this::work));
        }
    }

    @Override
    void dispatch(Socket socket) throws InterruptedException {
        waiting.put(socket);
    }

    private void work() {
        try {
            while (true) {
                serve(waiting.take());
            }
        } catch (InterruptedException e) {
            // released
        }
    }

    @Override
    void release() {
        workers.forEach(Thread::interrupt);
    }
}
