package org.lianxin.webhooks;

import org.junit.jupiter.api.AfterEach;
import org.lianxin.webhooks.testing.Receiver;

/** An IT's database world and local receiver, both closed after each test (whichever the test made). */
abstract class WorldWithReceiver {
    WebhookWorld world;
    Receiver receiver;

    @AfterEach
    void closeWorldAndReceiver() {
        if (receiver != null) {
            receiver.close();
        }
        if (world != null) {
            world.close();
        }
    }
}
