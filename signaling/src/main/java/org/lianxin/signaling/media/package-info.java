/**
 * The media port: what the signaling layer needs from an SFU (rooms, publishers, subscribers,
 * ICE, keyframes, server-side mute, kick, RTP forwarders for recording, health, events).
 * Adapters live in {@code internal.*}; only they know a media server's protocol.
 */
package org.lianxin.signaling.media;
