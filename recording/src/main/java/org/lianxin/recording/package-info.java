/**
 * Recording (信访录制): segmented, crash-safe capture of every publisher of a live room
 * ({@code capture}), object storage ({@code storage}: local folder or S3 through the MinIO client),
 * manifests with a SHA-256 hash chain, post-production of a composed review file ({@code compose}).
 * This module is the only one that imports JavaCV/FFmpeg and the MinIO client.
 */
package org.lianxin.recording;
