/*
 * How our own camera is sent: VP8 simulcast in two layers, so that the media server (Janus's videoroom) can give
 * each receiver the layer its link carries (the server picks it from the receiver's link reports,
 * signaling's ReceiveLayerRule): the full picture, and a quarter of it (half the width and height) at a small
 * bitrate for a county link of 512 kbit/s or less. The rids go highest first, the order Janus expects by default
 * ("hml"). The room caps what a publisher sends (512 kbit/s, RoomSpec): the browser shares it between the layers,
 * the small one first.
 *
 * For diagnostics and measurements, localStorage "lianxin.simulcast" = "off" sends one layer, as before simulcast.
 */

/** The sendEncodings of the camera's transceiver, or null for one layer (switched off). */
export function videoEncodings() {
  try {
    if (window.localStorage && window.localStorage.getItem('lianxin.simulcast') === 'off') return null;
  } catch (e) { /* no storage: simulcast */ }
  return [
    { rid: 'h', maxBitrate: 800000 },
    { rid: 'l', scaleResolutionDownBy: 2, maxBitrate: 150000 }
  ];
}
