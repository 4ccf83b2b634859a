/**
 * Several media nodes behind the one media port: {@link org.lianxin.signaling.nodes.MediaNodes} is itself a
 * {@link org.lianxin.signaling.media.MediaEngine} that places each new media room on the least-loaded healthy node
 * that is not drained ({@link org.lianxin.signaling.nodes.NodeChoice}, pure), sends every operation of a room and of
 * its endpoints to that node, and, when a node is lost, moves its rooms to another healthy node at once (the rooms
 * hear "lost" and then "restored", as after a restart of their node). The live rooms above do not know there is more
 * than one node.
 */
package org.lianxin.signaling.nodes;
