package org.lianxin.signaling.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaException.Code;

class MediaExceptionTest {

    @Test
    void codesAreUniqueAndStayInTheMediaRangeAbove450() {
        assertThat(Arrays.stream(Code.values()).map(Code::number)).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).isBetween(450, 499));
    }

    @Test
    void theMediaExceptionIsFoundInsideFutureWrappers() {
        MediaException e = new MediaException(Code.MEDIA_NO_SUCH_ROOM, "join 7", 426, "No such room (7)", null);

        assertThat(MediaException.in(new ExecutionException(new CompletionException(e)))).containsSame(e);
        assertThat(MediaException.in(new IllegalStateException("other"))).isEmpty();
        assertThat(e.getMessage()).contains("MEDIA_NO_SUCH_ROOM (460)").contains("426").contains("No such room (7)");
        assertThat(e.serverCode()).contains(426);
    }
}
