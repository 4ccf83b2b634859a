package org.lianxin.web.recording.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static ByteRange part(String header, long size) {
        ByteRange.Request r = ByteRange.parse(header, size);
        assertThat(r).as(header).isInstanceOf(ByteRange.Part.class);
        return ((ByteRange.Part) r).range();
    }

    @Test
    void oneRangeFromToOpenEndedAndSuffix() {
        assertThat(part("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(part("bytes=990-", 1000)).isEqualTo(new ByteRange(990, 999));
        assertThat(part("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(part("bytes=-5000", 1000)).as("a suffix longer than the object is all of it")
                .isEqualTo(new ByteRange(0, 999));
        assertThat(part("bytes=500-5000", 1000)).as("the end is clipped").isEqualTo(new ByteRange(500, 999));
        assertThat(part("BYTES= 7-7 ", 1000)).isEqualTo(new ByteRange(7, 7));
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
        assertThat(new ByteRange(10, 19).contentRange(1000)).isEqualTo("bytes 10-19/1000");
    }

    @Test
    void pastTheEndOrEmptySuffixIsUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=2000-3000", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void malformedOtherUnitsAndSeveralRangesAreAnsweredWhole() {
        for (String h : new String[]{null, "", "items=0-1", "bytes=", "bytes=a-b", "bytes=5-1", "bytes=1-2,4-5",
                "bytes=-", "bytes=99999999999999999999-", "bytes=1"}) {
            assertThat(ByteRange.parse(h, 1000)).as(String.valueOf(h)).isInstanceOf(ByteRange.Whole.class);
        }
    }
}
