package org.lianxin.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BodySizeLimitFilterTest {
    private final BodySizeLimitFilter filter = new BodySizeLimitFilter();

    @Test
    void theImportTakesTenMebibytesEverythingElseOne() {
        assertThat(BodySizeLimitFilter.limitFor(new MockHttpServletRequest("POST", "/api/v1/cases/import")))
                .isEqualTo(10L * 1024 * 1024);
        assertThat(BodySizeLimitFilter.limitFor(new MockHttpServletRequest("POST", "/api/v1/cases")))
                .isEqualTo(1024L * 1024);
    }

    @Test
    void aFeaturesBodyLimitAppliesToItsPathOnly() throws Exception {
        BodySizeLimitFilter withUploads = new BodySizeLimitFilter(java.util.List.of(new BodyLimit("/api/documents",
                5L * 1024 * 1024)));
        assertThat(withUploads.limitOf(new MockHttpServletRequest("POST", "/api/documents"))).isEqualTo(5L * 1024 * 1024);
        assertThat(withUploads.limitOf(new MockHttpServletRequest("POST", "/api/documents/7"))).isEqualTo(1024L * 1024);
        MockHttpServletRequest big = new MockHttpServletRequest("POST", "/api/documents");
        big.setContent(new byte[2 * 1024 * 1024]);
        MockFilterChain chain = new MockFilterChain();
        withUploads.doFilter(big, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).as("2 MiB pass a 5 MiB limit").isNotNull();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutCallingTheApplication() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/bookings");
        request.setContent(new byte[1024 * 1024 + 1]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("\"rule\":\"body-too-large\"");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aBodyWithoutLengthIsCutOffWhileReading() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/bookings") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[1024 * 1024 + 10]);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThatThrownBy(() -> chain.getRequest().getInputStream().readAllBytes()).isInstanceOf(BodyTooLarge.class);
    }

}
