package com.madeup.calsync.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder in front of a real server, for tests of what an app does when that server
 * goes away: {@link #cut()} closes every open connection and refuses new ones (as a stopped server
 * or a broken network would), {@link #restore()} forwards again. The server itself keeps running,
 * so a test can cut and restore in a second, and nothing about the server is faked.
 *
 * <p>Usage: {@code TcpCut.to(host, port)}, then point the app at {@code 127.0.0.1:localPort()}; for
 * PostgreSQL {@code TcpCut.inFrontOf(url)} and {@link #jdbcUrl(String)}. Close it at the end of the test.
 */
public final class TcpCut implements AutoCloseable {

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int localPort;
    private volatile ServerSocket listener;
    private volatile Thread acceptor;

    private TcpCut(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = listen(0);
        this.localPort = listener.getLocalPort();
        this.acceptor = accept(listener);
    }

    /** Starts forwarding 127.0.0.1:{@link #localPort()} to {@code host:port}. */
    public static TcpCut to(String host, int port) {
        try {
            return new TcpCut(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** Starts forwarding to the host and port of a JDBC URL ({@code jdbc:postgresql://host:port/db}). */
    public static TcpCut inFrontOf(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return to(uri.getHost(), uri.getPort());
    }

    public int localPort() {
        return localPort;
    }

    /** {@code jdbcUrl} with its host and port replaced by 127.0.0.1 and this forwarder's port. */
    public String jdbcUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://127.0.0.1:" + localPort + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Closes every forwarded connection and stops listening: new connections are refused. */
    public synchronized void cut() {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            closeQuietly(current);
            // The socket is released when the thread blocked in accept() has left it: until then a
            // connection could still be accepted.
            try {
                acceptor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again on the same port and forwards new connections. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            listener = listen(localPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + localPort + " again", e);
        }
        acceptor = accept(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the port of a cut listener is taken again at once on restore
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private Thread accept(ServerSocket from) {
        return Thread.ofVirtual().name("tcp-cut-accept-" + localPort).start(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    forward(client);
                } catch (IOException closed) {
                    return; // cut: the listener was closed
                }
            }
        });
    }

    private void forward(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // one side went away (or was cut): end both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
