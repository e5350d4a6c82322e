package com.madeup.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpCutTest {

    private ServerSocket echoServer;
    private TcpCut cut;

    @BeforeEach
    void startEchoServer() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket client = echoServer.accept();
                    Thread.ofVirtual().start(() -> echo(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        cut = TcpCut.to("127.0.0.1", echoServer.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        cut.close();
        echoServer.close();
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
            assertThat(roundTrip(socket, "again")).isEqualTo("again");
        }
    }

    @Test
    void cutEndsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "one")).isEqualTo("one");

            cut.cut();

            before.setSoTimeout(5_000);
            assertThat(readOrEnd(before.getInputStream())).isEqualTo(-1);
            assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        }

        cut.restore();

        try (Socket after = connect()) {
            assertThat(roundTrip(after, "two")).isEqualTo("two");
        }
    }

    @Test
    void jdbcUrlPointsAtTheForwarderAndKeepsDatabaseAndParameters() {
        assertThat(cut.jdbcUrl("jdbc:postgresql://localhost:5432/calsync_17?sslmode=disable"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:" + cut.localPort() + "/calsync_17?sslmode=disable");
        try (TcpCut fromUrl = TcpCut.inFrontOf("jdbc:postgresql://127.0.0.1:" + echoServer.getLocalPort() + "/db")) {
            assertThat(fromUrl.localPort()).isNotEqualTo(echoServer.getLocalPort());
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), cut.localPort());
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.setSoTimeout(5_000);
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(sent);
        out.flush();
        byte[] received = socket.getInputStream().readNBytes(sent.length);
        return new String(received, StandardCharsets.UTF_8);
    }

    /** -1 when the forwarder closed the connection (a reset counts as closed too). */
    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static void echo(Socket client) {
        try (client;
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // the test closed it
        }
    }
}
