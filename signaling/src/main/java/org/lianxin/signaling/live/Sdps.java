package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.List;

/** The little we read from SDP: each media section's kind and mid, in order. */
final class Sdps {

    private Sdps() {
    }

    /** A media section: {@code kind} as on its {@code m=} line (audio, video, application), its {@code a=mid}. */
    record Section(String kind, String mid) {
    }

    /** The mids of the offer's video sections that send several layers ({@code a=simulcast:}). */
    static java.util.Set<String> simulcastMids(String sdp) {
        return org.lianxin.signaling.media.Sdp.simulcastMids(sdp);
    }

    static List<Section> sections(String sdp) {
        List<Section> out = new ArrayList<>();
        String kind = null;
        String mid = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if (kind != null) {
                    out.add(new Section(kind, mid == null ? Integer.toString(out.size()) : mid));
                }
                int space = line.indexOf(' ');
                kind = space > 2 ? line.substring(2, space) : line.substring(2);
                mid = null;
            } else if (kind != null && line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length()).strip();
            }
        }
        if (kind != null) {
            out.add(new Section(kind, mid == null ? Integer.toString(out.size()) : mid));
        }
        return out;
    }

    /** Only the audio and video sections. */
    static List<Section> media(String sdp) {
        return sections(sdp).stream().filter(s -> s.kind().equals("audio") || s.kind().equals("video")).toList();
    }
}
