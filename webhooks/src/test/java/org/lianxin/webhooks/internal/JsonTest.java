package org.lianxin.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesCompactJsonInInsertionOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bookingId", 42L);
        data.put("state", "CANCELLED");
        data.put("at", Instant.parse("2026-12-02T08:00:00Z"));
        data.put("ok", true);
        data.put("none", null);
        data.put("list", List.of(1, "二"));
        data.put("nested", Map.of("x", 1.5));
        assertThat(Json.write(data)).isEqualTo("{\"bookingId\":42,\"state\":\"CANCELLED\","
                + "\"at\":\"2026-12-02T08:00:00Z\",\"ok\":true,\"none\":null,\"list\":[1,\"二\"],\"nested\":{\"x\":1.5}}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("a\"b\\c\nd\u0001\u2028")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\u2028\"");
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.write(Arrays.asList(1, null))).isEqualTo("[1,null]");
    }
}
