/**
 * The media nodes for the province's operators: list the Janus nodes (connected or not, drained or not, the rooms and
 * endpoints this server has on each) and drain one before upgrading it, then undrain it (province administrators).
 */
package org.lianxin.web.medianodes;
