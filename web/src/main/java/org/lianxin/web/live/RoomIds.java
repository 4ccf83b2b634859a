package org.lianxin.web.live;

/**
 * The live room of a booking and of a consultation, as the live rooms, join tokens and recordings name them (see
 * also {@link RoomSubject}, which reads them back).
 */
public final class RoomIds {
    private RoomIds() {
    }

    public static String ofBooking(long bookingId) {
        return "booking-" + bookingId;
    }

    public static String ofConsultation(long consultationId) {
        return "consultation-" + consultationId;
    }
}
