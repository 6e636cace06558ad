package io.github.otpverification.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Fixed local ports a test is about to listen on. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** Fails when something already listens on one of the ports (e.g. a server left from an aborted run). */
    public static void requireFree(int... ports) {
        for (int port : ports) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                throw new IllegalStateException("Port " + port + " is in use: stop whatever listens there "
                        + "(a server left from an aborted test run?) before running this test");
            } catch (IOException nothingListens) {
                // free
            }
        }
    }
}
