/*
 * The REST paths of the supervision contract (items, the inbox, orders, instructions, next steps, a case's trail and
 * evaluations, documents), in one place: the pages, the console and the kiosk build every URL from these.
 */

/** The root of the contract's endpoints. */
export const API = '/api';
export const ITEMS = API + '/supervision/items';
export const INBOX = API + '/supervision/inbox';
export const ORDERS = API + '/supervision/orders';
export const DOCUMENTS = API + '/documents';
export const bookingPath = (bookingId) => API + '/bookings/' + encodeURIComponent(bookingId);
export const casePath = (caseId) => API + '/cases/' + encodeURIComponent(caseId);
