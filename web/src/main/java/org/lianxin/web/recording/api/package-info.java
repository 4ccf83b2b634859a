/**
 * The recording feature's REST API and page: reading recordings ({@code RecordingsController}), their media with
 * Range support and presigned links ({@code RecordingMediaController}), what managers do — legal hold, deletion,
 * re-composing, verification ({@code RecordingManagementController}) —, what the rooms' people tell the recorder —
 * the kiosk's recording notice, a consultation host's switch ({@code RecordingControlsController}) —, and the review
 * page's route. Who may see and manage a recording: {@code RecordingAccess}; every access is audited:
 * {@code RecordingAudit}; storage failures as problems: {@code RecordingStorageProblems}.
 */
package org.lianxin.web.recording.api;
