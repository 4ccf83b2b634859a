package org.lianxin.web.live.planted;

import org.lianxin.web.demo.DemoData;

/**
 * A violation planted for {@code WebArchitectureTest}: a class of a shared package (the live rooms' wiring; test code,
 * never imported by the real check) that uses a feature's type (the demo data's users).
 */
public final class SharedUsesAFeature {
    Object users = DemoData.USERS;
}
