package org.lianxin.recording.capture;

import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input side of a capture: a block of four UDP ports from {@link PortAllocator}, an SDP file that describes
 * them (Opus on the first, VP8 on the third), and FFmpeg's RTP demuxer listening on them. {@link #read} blocks in
 * FFmpeg's UDP poll until a packet arrives or {@link #interrupt} is called; {@link #close} gives the ports back.
 */
final class RtpInput {

    private static final Logger log = LoggerFactory.getLogger(RtpInput.class);

    /** Input stream order fixed by the SDP below. */
    static final int AUDIO = 0;
    static final int VIDEO = 1;
    private static final int OPEN_ATTEMPTS = 8;
    private static final byte RUN = 0;

    /**
     * One callback for every capture (JavaCPP callbacks are a scarce native resource): its opaque pointer
     * is the capture's one-byte stop flag; FFmpeg polls it at least every 100 ms while waiting for UDP.
     * In a holder so that only opening an input loads FFmpeg (not {@link #sdp}).
     */
    private static final class Interrupt {
        static final AVIOInterruptCB.Callback_Pointer CALLBACK = new AVIOInterruptCB.Callback_Pointer() {
            @Override
            public int call(Pointer opaque) {
                return opaque == null || opaque.isNull() ? 0 : new BytePointer(opaque).get(0);
            }
        };
    }

    private final int portBase;
    private final Path sdpFile;
    private final BytePointer stopFlag;
    private final AVFormatContext input;
    /** Whether {@link #close} freed the stop flag (guarded by this). */
    private boolean closed;

    private RtpInput(int portBase, Path sdpFile, BytePointer stopFlag, AVFormatContext input) {
        this.portBase = portBase;
        this.sdpFile = sdpFile;
        this.stopFlag = stopFlag;
        this.input = input;
    }

    /**
     * Reserves four free UDP ports in [{@code portMin}, {@code portMax}] on {@code spec.bindHost()} and returns once
     * FFmpeg listens on them, trying other ports (at most {@value #OPEN_ATTEMPTS} times, within the start timeout)
     * when another process took one first.
     *
     * @throws IOException when no ports are free, the spool folder is unusable or FFmpeg cannot listen
     */
    static RtpInput open(TrackSpec spec, CaptureSettings settings) throws IOException {
        Files.createDirectories(spec.spoolDir());
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        Path sdpFile = spec.spoolDir().resolve(spec.trackId() + ".sdp");
        String lastError = "no attempt";
        for (int attempt = 0; attempt < OPEN_ATTEMPTS && System.nanoTime() < deadline; attempt++) {
            int base = PortAllocator.INSTANCE.reserve(spec.bindHost(), settings.portMin(), settings.portMax());
            if (base < 0) {
                throw new IOException("no free block of 4 UDP ports in " + settings.portMin() + "-"
                        + settings.portMax() + " on " + spec.bindHost());
            }
            Files.writeString(sdpFile, sdp(spec, base, base + 2), StandardCharsets.US_ASCII);
            BytePointer flag = new BytePointer(1);
            flag.put(0, RUN);
            AVFormatContext ic = avformat_alloc_context();
            ic.interrupt_callback().callback(Interrupt.CALLBACK);
            ic.interrupt_callback().opaque(flag);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "protocol_whitelist", "file,udp,rtp", 0);
            av_dict_set(options, "localaddr", spec.bindHost(), 0);
            av_dict_set(options, "buffer_size", "1048576", 0);
            av_dict_set(options, "reorder_queue_size", "128", 0);
            av_dict_set(options, "max_delay", "200000", 0);
            av_dict_set(options, "probesize", "32", 0);
            av_dict_set(options, "analyzeduration", "0", 0);
            av_dict_set(options, "fpsprobesize", "0", 0);
            int r = avformat_open_input(ic, sdpFile.toString(), null, options);
            av_dict_free(options);
            if (r < 0) {
                // avformat_open_input frees the context on failure; most likely a port taken by another process
                lastError = Ffmpeg.error(r);
                flag.close();
                PortAllocator.INSTANCE.release(base);
                log.debug("track {}: could not listen on {}:{}-{} ({}), trying other ports", spec.trackId(),
                        spec.bindHost(), base, base + 3, lastError);
                continue;
            }
            if (!expectedStreams(ic)) {
                avformat_close_input(ic);
                flag.close();
                PortAllocator.INSTANCE.release(base);
                Files.deleteIfExists(sdpFile);
                throw new IOException("FFmpeg did not read the SDP as one Opus and one VP8 stream");
            }
            return new RtpInput(base, sdpFile, flag, ic);
        }
        Files.deleteIfExists(sdpFile);
        throw new IOException("could not listen for track " + spec.trackId() + " on " + spec.bindHost() + ": "
                + lastError);
    }

    private static boolean expectedStreams(AVFormatContext ic) {
        return ic.nb_streams() == 2
                && ic.streams(AUDIO).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO
                && ic.streams(VIDEO).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO;
    }

    /** The SDP FFmpeg reads: Opus on {@code audioPort}, VP8 on {@code videoPort}, with the spec's payload types. */
    static String sdp(TrackSpec spec, int audioPort, int videoPort) {
        String host = spec.bindHost().equals("0.0.0.0") ? "127.0.0.1" : spec.bindHost();
        return "v=0\r\n"
                + "o=- 0 0 IN IP4 " + host + "\r\n"
                + "s=lianxin " + spec.trackId() + "\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + audioPort + " RTP/AVP " + spec.audioPayloadType() + "\r\n"
                + "a=rtpmap:" + spec.audioPayloadType() + " opus/48000/2\r\n"
                + "a=recvonly\r\n"
                + "m=video " + videoPort + " RTP/AVP " + spec.videoPayloadType() + "\r\n"
                + "a=rtpmap:" + spec.videoPayloadType() + " VP8/90000\r\n"
                + "a=recvonly\r\n";
    }

    int audioPort() {
        return portBase;
    }

    int videoPort() {
        return portBase + 2;
    }

    /** The time base of stream {@link #AUDIO} or {@link #VIDEO} (what its packets' timestamps count). */
    AVRational timeBase(int stream) {
        return input.streams(stream).time_base();
    }

    /** The codec parameters of stream {@link #AUDIO} or {@link #VIDEO}, as the SDP and the first packets gave them. */
    AVCodecParameters codecParameters(int stream) {
        return input.streams(stream).codecpar();
    }

    /** The next packet, as {@code av_read_frame}: 0, or an FFmpeg error code (also after {@link #interrupt}). */
    int read(AVPacket pkt) {
        return av_read_frame(input, pkt);
    }

    /**
     * Makes a waiting (and every later) {@link #read} return within about 100 ms. From any thread; does nothing once
     * the input is closed (the capture thread may have ended on its own).
     */
    synchronized void interrupt() {
        if (!closed) {
            stopFlag.put(0, (byte) 1);
        }
    }

    /** Closes FFmpeg's input, gives the ports back and deletes the SDP file. On the reading thread, once. */
    void close() {
        avformat_close_input(input);
        synchronized (this) {
            closed = true;
            stopFlag.close();
        }
        PortAllocator.INSTANCE.release(portBase);
        try {
            Files.deleteIfExists(sdpFile);
        } catch (IOException e) {
            log.debug("could not delete {}", sdpFile);
        }
    }
}
