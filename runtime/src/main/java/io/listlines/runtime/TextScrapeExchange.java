package io.listlines.runtime;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A scrape request as the Prometheus client's {@code MetricsHandler} should see it: the same exchange
 * with Prometheus' protobuf format taken out of its {@code Accept} header. The jars leave out the
 * client's protobuf writer (1.8 MB of shaded protobuf, for a format our classic histograms gain
 * nothing from), and without it the handler would still pick protobuf for a scraper that lists it
 * first and answer 500; a Prometheus that asks for protobuf also lists the text formats, so it gets
 * one of those. The JDK's request headers cannot be changed in place, hence a wrapper.
 */
final class TextScrapeExchange extends HttpExchange {
    private static final String PROTOBUF = "application/vnd.google.protobuf";

    private final HttpExchange exchange;
    private final Headers requestHeaders;

    TextScrapeExchange(HttpExchange exchange) {
        this.exchange = exchange;
        this.requestHeaders = new Headers(exchange.getRequestHeaders());
        List<String> accept = requestHeaders.get("Accept");
        if (accept != null) {
            String text = textOnly(String.join(",", accept));
            if (text.isEmpty()) {
                requestHeaders.remove("Accept");
            } else {
                requestHeaders.put("Accept", List.of(text));
            }
        }
    }

    /** The media ranges of an {@code Accept} header but protobuf's, in their order. */
    static String textOnly(String accept) {
        return Arrays.stream(accept.split(","))
                .map(String::strip)
                .filter(range ->
                        !range.isEmpty() && !range.toLowerCase(Locale.ROOT).startsWith(PROTOBUF))
                .collect(Collectors.joining(","));
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return exchange.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return exchange.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return exchange.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return exchange.getHttpContext();
    }

    @Override
    public void close() {
        exchange.close();
    }

    @Override
    public InputStream getRequestBody() {
        return exchange.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
        return exchange.getResponseBody();
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        exchange.sendResponseHeaders(rCode, responseLength);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return exchange.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return exchange.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return exchange.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return exchange.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return exchange.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        exchange.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        exchange.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return exchange.getPrincipal();
    }
}
