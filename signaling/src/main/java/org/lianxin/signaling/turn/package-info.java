/**
 * TURN (coturn) for browsers behind firewalls that pass only HTTPS: the time-limited credentials handed out
 * with each join ({@link org.lianxin.signaling.turn.TurnCredentials}, the TURN REST way coturn checks with
 * {@code use-auth-secret}) and the coturn configuration the launcher and the tests write
 * ({@link org.lianxin.signaling.turn.TurnConfig}). JDK classes only.
 */
package org.lianxin.signaling.turn;
