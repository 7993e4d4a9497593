package dev.npipe4j.internal;

import dev.npipe4j.PipeMode;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of {@code ServerOptions}, taken when an instance is created.
 *
 * @param mode byte or message pipe
 * @param accessInbound the server may read (the client writes)
 * @param accessOutbound the server may write (the client reads)
 * @param firstPipeInstance fail if the pipe already exists
 * @param writeDac the handle gets {@code WRITE_DAC}
 * @param writeOwner the handle gets {@code WRITE_OWNER}
 * @param accessSystemSecurity the handle gets {@code ACCESS_SYSTEM_SECURITY}
 * @param rejectRemoteClients refuse clients from other machines
 * @param maxInstances 1..254, or {@link dev.npipe4j.PipeInfo#UNLIMITED_INSTANCES}
 * @param outBufferSize the outbound buffer size the OS is asked for
 * @param inBufferSize the inbound buffer size the OS is asked for
 * @param defaultTimeoutMillis the default wait of {@code WaitNamedPipeW}, 0 for the OS default
 * @param securityDescriptor an SDDL string, or null for the default
 * @param currentUserOnly only the current user may open the pipe
 */
public record ServerConfig(
    PipeMode mode,
    boolean accessInbound,
    boolean accessOutbound,
    boolean firstPipeInstance,
    boolean writeDac,
    boolean writeOwner,
    boolean accessSystemSecurity,
    boolean rejectRemoteClients,
    int maxInstances,
    int outBufferSize,
    int inBufferSize,
    long defaultTimeoutMillis,
    @Nullable String securityDescriptor,
    boolean currentUserOnly) {}
