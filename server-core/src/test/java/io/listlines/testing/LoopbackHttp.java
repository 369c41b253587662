package io.listlines.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A request to a server's HTTP port on loopback, as a test reads the metrics endpoint. */
public final class LoopbackHttp {
    private LoopbackHttp() {}

    /** {@code GET http://127.0.0.1:port path}, the body as text. */
    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return get(port, path, null);
    }

    /** As {@link #get(int, String)}, with an {@code Accept} header unless it is null. */
    public static HttpResponse<String> get(int port, String path, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
