package io.listlines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextScrapeExchangeTest {
    @Test
    void takesProtobufOutOfAnAcceptHeaderAndKeepsTheRestInOrder() {
        assertEquals(
                "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3",
                TextScrapeExchange.textOnly("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                        + "encoding=delimited;q=0.6, application/openmetrics-text;version=1.0.0;q=0.5,"
                        + "text/plain;version=0.0.4;q=0.3"));
        assertEquals("text/plain", TextScrapeExchange.textOnly("text/plain"));
        assertEquals("", TextScrapeExchange.textOnly("Application/Vnd.Google.Protobuf;proto=x"));
        assertEquals("*/*", TextScrapeExchange.textOnly(" , */*"));
    }
}
