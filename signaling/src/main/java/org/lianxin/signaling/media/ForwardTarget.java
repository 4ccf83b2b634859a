package org.lianxin.signaling.media;

/**
 * Where a recorder wants a publisher's media forwarded: its IPv4 {@code host}, and for each medium
 * the UDP port it listens on and the RTP payload type it expects (the media server rewrites the
 * forwarded packets to it). The recorder chooses the payload types; the live rooms only carry them
 * into the {@link ForwardRequest}, so they are written in one place.
 *
 * <p>Not validated here: {@code LiveRooms.forward} answers a bad target with
 * {@code MEDIA_INVALID_REQUEST}.
 */
public record ForwardTarget(String host, int audioPort, int audioPayloadType, int videoPort, int videoPayloadType) {

    /** Whether every field is usable: a host, ports 1-65535, distinct dynamic payload types (96-127). */
    public boolean valid() {
        return host != null && !host.isBlank() && validPort(audioPort) && validPort(videoPort)
                && dynamic(audioPayloadType) && dynamic(videoPayloadType) && audioPayloadType != videoPayloadType;
    }

    private static boolean validPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static boolean dynamic(int payloadType) {
        return payloadType >= 96 && payloadType <= 127;
    }
}
