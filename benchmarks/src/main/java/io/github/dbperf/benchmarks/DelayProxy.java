package io.github.dbperf.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy in front of a database that holds every chunk for half a chosen round-trip
 * time in each direction, so that the sample app can be measured as if its database sat
 * across a network instead of on loopback. Made for request-response protocols such as
 * PostgreSQL's over JDBC, where a connection has one request in flight.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class DelayProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String host;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile long oneWayNanos;

	DelayProxy(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("delay-proxy-accept", this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	void roundTrip(Duration roundTrip) {
		this.oneWayNanos = roundTrip.toNanos() / 2;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.host, this.port);
				for (Socket socket : List.of(client, upstream)) {
					socket.setTcpNoDelay(true);
					this.sockets.add(socket);
				}
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// Closed
			}
		}
	}

	/**
	 * One thread per direction reads a chunk, holds it until it is due and writes it.
	 * JDBC keeps one request in flight per connection, so holding the next read behind
	 * the current chunk delays nothing, and no hand-off between threads adds latency.
	 */
	private void pump(Socket from, Socket to) throws IOException {
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		daemon("delay-proxy", () -> {
			byte[] buffer = new byte[64 * 1024];
			try {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					long due = System.nanoTime() + this.oneWayNanos;
					long wait;
					while ((wait = due - System.nanoTime()) > 0) {
						LockSupport.parkNanos(wait);
					}
					out.write(buffer, 0, read);
				}
				to.shutdownOutput();
			}
			catch (IOException ex) {
				// Closed
			}
		});
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
