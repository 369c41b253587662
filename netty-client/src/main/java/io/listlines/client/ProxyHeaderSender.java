package io.listlines.client;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Writes the connection's PROXY protocol header ({@link ProxyClaim}) as soon as it is connected,
 * before anything else (the encoder before it puts it on the wire), then leaves the pipeline.
 */
final class ProxyHeaderSender extends ChannelInboundHandlerAdapter {
    private final ProxyClaim claim;

    ProxyHeaderSender(ProxyClaim claim) {
        this.claim = claim;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetAddress source = claim.source() != null ? claim.source() : local.getAddress();
        int sourcePort = claim.port() != 0 ? claim.port() : local.getPort();
        boolean v4 = source instanceof Inet4Address;
        // The header names one family for both ends: a destination of the other family is given as that family's "any".
        InetAddress destination = remote.getAddress();
        String destinationText =
                (destination instanceof Inet4Address) == v4 ? destination.getHostAddress() : v4 ? "0.0.0.0" : "::";
        HAProxyMessage header = new HAProxyMessage(
                claim.version(),
                HAProxyCommand.PROXY,
                v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                source.getHostAddress(),
                destinationText,
                sourcePort,
                remote.getPort());
        ctx.writeAndFlush(header).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
