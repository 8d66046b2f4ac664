package io.kubesphere.mcp.ops;

import io.kubesphere.mcp.support.SpawnedServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 250 connections that send their headers and 10 bytes of a promised 1000-byte body, and then nothing: a normal client
 * still gets its tool call answered within 2 s. The slow ones come from 127.0.0.2, the normal client from 127.0.0.1.
 */
class SlowClientsIT {

    @Test
    void slowBodiesDoNotStarveOtherClients() throws Exception {
        try (SpawnedServer server = SpawnedServer.start(List.of(), Map.of("KS_MCP_SANDBOX", "true"))) {
            String session = server.session();
            for (int i = 0; i < 20; i++) { // warm: the first calls log in and compile
                server.callAsync(session, 100 + i, "whoami", "{}").get(30, TimeUnit.SECONDS);
            }
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 250; i++) {
                    Socket socket = new Socket();
                    socket.bind(new InetSocketAddress("127.0.0.2", 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", server.mcp.getPort()), 5000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + server.mcp.getPort() + "\r\n"
                            + "Content-Type: application/json\r\nAccept: " + SpawnedServer.ACCEPT + "\r\n"
                            + "Mcp-Session-Id: " + session + "\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\"")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                Thread.sleep(500);
                long started = System.nanoTime();
                HttpResponse<String> who = server.callAsync(session, 7, "whoami", "{}").get(30, TimeUnit.SECONDS);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(who.body().contains("\"isError\":false"), who.body());
                assertTrue(millis < 2000, "answered in " + millis + " ms with 250 slow bodies held open");
                String fresh = server.session();
                assertTrue(server.callAsync(fresh, 8, "whoami", "{}").get(5, TimeUnit.SECONDS).body()
                        .contains("\"isError\":false"), "a new session works too");
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }
}
