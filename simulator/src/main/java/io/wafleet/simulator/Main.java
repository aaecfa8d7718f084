package io.wafleet.simulator;

import io.wafleet.simulator.control.ControlServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar wa-simulator.jar [--port N] [--control-port M] [--state-file F] [--bind ADDRESS]}: starts the
 * simulator and its control API, prints one line
 * {@code simulator ws=<ws url> control=<http url> root=<hex public key>} and serves until stopped.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("wa-simulator: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        WaSimulator.Builder builder = WaSimulator.builder().address(options.bind()).port(options.port());
        options.stateFile().ifPresent(builder::stateFile);
        WaSimulator simulator = builder.start();
        ControlServer control = ControlServer.start(simulator, new InetSocketAddress(options.bind(), options.controlPort()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            simulator.close();
            stopped.countDown();
        }, "sim-shutdown"));
        System.out.println("simulator ws=" + simulator.url() + " control=" + control.url()
                + " root=" + HexFormat.of().formatHex(simulator.rootPublicKey()));
        System.out.flush();
        stopped.await();
    }

    /** Command-line options; unknown or malformed ones are an error, not ignored. */
    record Options(int port, int controlPort, java.util.Optional<Path> stateFile, InetAddress bind) {
        static final String USAGE =
                "usage: java -jar wa-simulator.jar [--port N] [--control-port M] [--state-file F] [--bind ADDRESS]";

        static Options parse(String[] args) {
            int port = 0;
            int controlPort = 0;
            java.util.Optional<Path> stateFile = java.util.Optional.empty();
            InetAddress bind = InetAddress.getLoopbackAddress();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = portNumber(name, value);
                    case "--control-port" -> controlPort = portNumber(name, value);
                    case "--state-file" -> stateFile = java.util.Optional.of(Path.of(value));
                    case "--bind" -> bind = address(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, controlPort, stateFile, bind);
        }

        private static int portNumber(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below with the option's name.
            }
            throw new IllegalArgumentException(name + " must be a port number 0..65535, got '" + value + "'");
        }

        private static InetAddress address(String value) {
            try {
                return InetAddress.getByName(value);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("--bind: unknown address '" + value + "'");
            }
        }
    }
}
