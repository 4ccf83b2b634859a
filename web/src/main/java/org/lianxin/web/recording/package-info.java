/**
 * The recording feature: everything the web application decides about recordings. Here, the recorder's wiring
 * ({@code RecordingConfiguration}: catalog, storage, uploader, composer, the {@code RecordingService}; its keys under
 * {@code lianxin.recording}, {@code RecordingProperties}, checked at start-up with every module's), its lifecycle
 * ({@code RecordingLifecycle}: recovery at start, retention, the end of every recording at a stop) and what makes a
 * recording start and end: the live rooms' events ({@code RecordingRoomEvents}) and the schedule's closings of
 * bookings and consultations ({@code RecordingScheduleEnds}). Its REST API and the review page are in {@code api}.
 */
package org.lianxin.web.recording;
