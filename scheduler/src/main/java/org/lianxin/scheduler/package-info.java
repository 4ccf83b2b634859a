/** Reception scheduler: offices, officials, terminals, case files and bookings. Knows nothing of WebRTC. */
package org.lianxin.scheduler;
