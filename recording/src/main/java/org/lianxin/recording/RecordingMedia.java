package org.lianxin.recording;

import java.util.concurrent.CompletableFuture;

/** The media server as the recorder needs it (the live rooms carry it out). */
public interface RecordingMedia {
    /**
     * Forward the participant's audio and video as RTP to {@code host}: audio (Opus) to {@code audioPort} with
     * payload type {@code audioPayloadType}, video (VP8) to {@code videoPort} with {@code videoPayloadType}.
     */
    CompletableFuture<Void> forward(String roomId, String participantId, String host, int audioPort,
                                    int audioPayloadType, int videoPort, int videoPayloadType);

    CompletableFuture<Void> stopForward(String roomId, String participantId);

    CompletableFuture<Void> requestKeyframe(String roomId, String participantId);
}
