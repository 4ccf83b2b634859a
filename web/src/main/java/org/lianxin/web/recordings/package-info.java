/**
 * Recordings in the web app: the review REST API ({@code /api/v1/recordings}), the kiosk's recording notice and the
 * consultation host's recording switch, and the review page's route. Who may see and manage a recording:
 * {@link org.lianxin.web.recordings.RecordingAccess}.
 */
package org.lianxin.web.recordings;
