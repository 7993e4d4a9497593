/**
 * Asynchronous named pipes: {@link dev.npipe4j.ServerOptions} creates server instances, {@link
 * dev.npipe4j.ClientOptions} opens clients, and both ends are a {@link dev.npipe4j.NamedPipe}.
 *
 * <h2>Flight Recorder events</h2>
 *
 * <p>Where the {@code jdk.jfr} module is present, npipe4j records four JDK Flight Recorder events,
 * modelled on the JDK's {@code jdk.SocketRead} and {@code jdk.SocketWrite}. Each is disabled by
 * default and has a default threshold of 20 ms; an event that is off costs one check and no
 * allocation per operation.
 *
 * <table class="striped">
 *   <caption>Events and their fields</caption>
 *   <thead>
 *     <tr><th scope="col">Event</th><th scope="col">Recorded for</th><th scope="col">Fields</th>
 *   </thead>
 *   <tbody>
 *     <tr><th scope="row">{@code dev.npipe4j.PipeRead}</th>
 *       <td>{@code tryRead}, {@code read} (until its future completes), {@code readMessage}, and
 *         each blocking read of {@code inputStream()} and {@code blockingChannel()}</td>
 *       <td>{@code bytesRead}, {@code endOfStream}, and the common fields</td>
 *     <tr><th scope="row">{@code dev.npipe4j.PipeWrite}</th>
 *       <td>{@code tryWrite}, {@code write} (until its future completes), and each blocking write
 *         of {@code outputStream()} and {@code blockingChannel()}</td>
 *       <td>{@code bytesWritten}, and the common fields</td>
 *     <tr><th scope="row">{@code dev.npipe4j.PipeConnect}</th>
 *       <td>{@link dev.npipe4j.ClientOptions#open(String)} and its waiting forms, failed opens
 *         included</td>
 *       <td>{@code timeout} (0 for an open that does not wait), {@code error} (null on success),
 *         and the common fields; {@code mode} is the requested read mode</td>
 *     <tr><th scope="row">{@code dev.npipe4j.PipeAccept}</th>
 *       <td>{@link dev.npipe4j.NamedPipeServer#connect()}, from the call to the client's arrival
 *         (also through {@link dev.npipe4j.PipeListener}); a cancelled wait records nothing</td>
 *       <td>{@code error} (null on success), and the common fields</td>
 *   </tbody>
 * </table>
 *
 * <p>The common fields: {@code pipeName}; {@code pipeEnd}, {@code CLIENT} or {@code SERVER}; {@code
 * mode}, {@code BYTE} or {@code MESSAGE}; and {@code peerPid}, the process at the other end as
 * {@link dev.npipe4j.NamedPipe#peerProcessId()} tells it, or 0 where it cannot (the JDK socket
 * backend). These are looked up only for an event that is committed. A read or write that fails
 * records nothing; one that would block records 0 bytes. The duration is the time the caller
 * waited. Enable the events on the command line (the {@code +} adds a setting that no {@code .jfc}
 * file has), or with {@code jdk.jfr.consumer.RecordingStream}:
 *
 * <pre>{@code
 * java -XX:StartFlightRecording:+dev.npipe4j.PipeRead#enabled=true,+dev.npipe4j.PipeRead#threshold=1ms ...
 * }</pre>
 *
 * {@snippet :
 * try (var rs = new jdk.jfr.consumer.RecordingStream()) {
 *   rs.enable("dev.npipe4j.PipeRead").withThreshold(Duration.ofMillis(1));
 *   rs.onEvent("dev.npipe4j.PipeRead", e -> System.out.println(
 *       e.getString("pipeName") + " " + e.getLong("bytesRead") + " B in " + e.getDuration()));
 *   rs.startAsync();
 *   // ... use pipes
 * }
 * }
 *
 * <p>The module only {@code requires static jdk.jfr}: on a runtime without it, or where the module
 * graph does not resolve it, npipe4j runs the same, with no events.
 */
@NullMarked
package dev.npipe4j;

import org.jspecify.annotations.NullMarked;
